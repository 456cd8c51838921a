package dev.complaintkit.usecase;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.ComplaintReplyPort;
import dev.complaintkit.spi.Capability;
import java.util.List;
import java.util.Set;

/**
 * Replies to a complaint. Validates before any I/O. Assigns an idempotency key when the caller gave
 * none, and every retry sends the same key, so a reply the provider already took is not made twice.
 * Every failure once the key is assigned carries it ({@link ComplaintException#idempotencyKey()}),
 * so the caller can resend under the same key after the retries ran out.
 */
public final class ReplyToComplaint extends UseCase {
    private final ComplaintReplyPort port;

    /**
     * @param providerId the provider's id
     * @param capabilities what it offers
     * @param port its reply port, or {@code null} when it has none
     * @param policy the retry policy
     */
    public ReplyToComplaint(String providerId, Set<Capability> capabilities, ComplaintReplyPort port, RetryPolicy policy) {
        super(providerId, capabilities, policy);
        this.port = port;
    }

    /**
     * @param request the reply
     * @return the provider's receipt
     * @throws ComplaintException on failure; once the request is keyed (after validation) it
     *     carries the reply's idempotency key
     */
    public ReplyReceipt reply(ReplyRequest request) {
        ComplaintReplyPort p = require(Capability.REPLY, port);
        validate(InputRules.reply(request), request == null ? List.of() : p.validateReply(request));
        ReplyRequest keyed = request.idempotencyKey().isPresent() ? request : request.withIdempotencyKey(p.newIdempotencyKey());
        String key = keyed.idempotencyKey().orElseThrow();
        try {
            return retrier.call("reply", () -> p.reply(keyed));
        } catch (ComplaintException e) {
            throw e.attachIdempotencyKey(key);
        }
    }
}
