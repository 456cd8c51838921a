package dev.complaintkit.error;

/** The provider could not be reached, timed out, or the exchange broke off (I/O). */
public class TransportException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed (endpoint host, never a secret)
     * @param cause the I/O failure
     * @param retryable whether repeating may succeed
     */
    public TransportException(String message, Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
