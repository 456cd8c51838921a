package dev.complaintkit.error;

/**
 * Root of every error complaintkit raises. Unchecked: callers catch the subclass they can act on.
 *
 * <p>Messages never contain a secret (private key, secret key, access token).
 */
public class ComplaintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

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
}
