/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of every error complaintkit raises. Unchecked: callers catch the subclass they can act on.
 *
 * <p>Messages never contain a secret (private key, secret key, access token).
 */
public class ComplaintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private String idempotencyKey;

    /**
     * @param message what went wrong and, where possible, what to do about it
     * @param cause the underlying failure, or {@code null}
     * @param retryable whether repeating the same call may succeed
     */
    public ComplaintException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @param message what went wrong */
    public ComplaintException(String message) {
        this(message, null, false);
    }

    /** @return whether repeating the same call may succeed (transient transport faults, throttling) */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * The idempotency key of the reply this failure ended, when the failure ended a reply that
     * carried one. Whether or not the provider took the reply, resending it under this key is
     * safe: the provider takes a key once. A new key would make a second reply.
     *
     * @return the reply's idempotency key; empty for every other failure
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * Records the idempotency key of the reply this failure ended. The type, the provider's code
     * and the retryability stay as they are; {@link #getMessage()} names the key.
     *
     * @param key the reply's idempotency key
     * @return this exception
     */
    public ComplaintException attachIdempotencyKey(String key) {
        this.idempotencyKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** @return the message, naming the reply's idempotency key when one is attached */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return idempotencyKey == null ? message
                : message + " (idempotency key " + idempotencyKey + ": resend under this key, the provider takes it once)";
    }
}
