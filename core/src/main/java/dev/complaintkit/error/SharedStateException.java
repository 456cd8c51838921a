/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

/**
 * The shared state (rate permits, access tokens, processed notifications) could not be used: its
 * store is unreachable and configured to fail closed, or another instance's token fetch did not
 * finish in time. Nothing was sent to the provider. Retryable: the same call may succeed once the
 * store is back.
 */
public class SharedStateException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done (never a secret)
     * @param cause the store's failure, or {@code null}
     */
    public SharedStateException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
