package dev.complaintkit.error;

/**
 * Root of every error complaintkit raises. Unchecked: callers catch the subclass they can act on.
 *
 * <p>Messages never contain a secret (private key, secret key, access token).
 */
public class ComplaintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private volatile String idempotencyKey;

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

    /**
     * Records the idempotency key of the write that failed, so the caller can resend with the same
     * key (a new key would make the provider act twice). The message names the key from then on.
     *
     * @param key the key the write was sent with
     * @return this exception
     */
    public ComplaintException withIdempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    /** @return the idempotency key of the failed write, when the failure was a keyed write's */
    public java.util.Optional<String> idempotencyKey() {
        return java.util.Optional.ofNullable(idempotencyKey);
    }

    /** @return the message, naming the idempotency key of a failed write when there is one */
    @Override
    public String getMessage() {
        String key = idempotencyKey;
        return key == null ? super.getMessage()
                : super.getMessage() + " [idempotency key " + key + ": resend with this key, never a new one]";
    }

    /** @return whether repeating the same call may succeed (transient transport faults, throttling) */
    public boolean isRetryable() {
        return retryable;
    }
}
