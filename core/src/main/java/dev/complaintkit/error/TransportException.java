/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

/**
 * The provider could not be reached, timed out, or the exchange broke off (I/O). Whether the
 * request may have reached the provider is kept ({@link #mayHaveBeenSent()}): a write whose
 * request may have arrived is reconciled before it is sent again.
 */
public class TransportException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenSent;

    /**
     * A failure after which the request may have reached the provider (a reset, a time-out).
     *
     * @param message what failed (endpoint host, never a secret)
     * @param cause the I/O failure
     * @param retryable whether repeating may succeed
     */
    public TransportException(String message, Throwable cause, boolean retryable) {
        this(message, cause, retryable, true);
    }

    private TransportException(String message, Throwable cause, boolean retryable, boolean mayHaveBeenSent) {
        super(message, cause, retryable);
        this.mayHaveBeenSent = mayHaveBeenSent;
    }

    /**
     * A failure before any byte of the request left (connection refused, connect time-out, TLS
     * handshake): repeating it cannot act twice.
     *
     * @param message what failed
     * @param cause the failure
     * @param retryable whether repeating may succeed
     * @return the exception
     */
    public static TransportException notSent(String message, Throwable cause, boolean retryable) {
        return new TransportException(message, cause, retryable, false);
    }

    /** @return whether the request may have reached the provider before the failure */
    public boolean mayHaveBeenSent() {
        return mayHaveBeenSent;
    }
}
