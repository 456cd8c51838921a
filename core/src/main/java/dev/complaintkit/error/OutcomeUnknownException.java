/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.Objects;

/**
 * A write was sent, its answer was lost, and reading could not tell whether it happened. It is not
 * sent again (the provider has no idempotency key, so a second send could act twice): check by
 * hand as {@link #howToCheck()} says, then resend only if it did not happen.
 */
public class OutcomeUnknownException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String howToCheck;

    /**
     * @param providerId the provider
     * @param operation the write, e.g. {@code reply}
     * @param howToCheck how to find out whether it happened
     * @param cause the failure that lost the answer
     */
    public OutcomeUnknownException(String providerId, String operation, String howToCheck, Throwable cause) {
        super("[" + providerId + "] " + operation + ": the answer was lost and reading could not tell whether it was done; "
                + "it was not sent again. " + howToCheck, cause, false);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.howToCheck = Objects.requireNonNull(howToCheck, "howToCheck");
    }

    /** @return the write whose outcome is unknown */
    public String operation() {
        return operation;
    }

    /** @return how to find out whether it happened */
    public String howToCheck() {
        return howToCheck;
    }
}
