package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import java.util.List;
import java.util.UUID;

/** Outbound port for answering complaints. */
public interface ComplaintReplyPort {

    /**
     * Sends one reply. The request always carries an idempotency key: the client assigned it (see
     * {@link #newIdempotencyKey()}) and reuses it on every retry, so the provider can recognise a
     * repeated reply.
     *
     * @param request the validated reply with its idempotency key
     * @return the provider's acceptance
     */
    ReplyReceipt reply(ReplyRequest request);

    /**
     * Provider-specific rules for a reply (e.g. characters its charset cannot carry), checked
     * before any I/O together with the client's general rules.
     *
     * @param request the reply
     * @return every broken rule, empty when fine
     */
    default List<Violation> validateReply(ReplyRequest request) {
        return List.of();
    }

    /** @return a fresh, unique idempotency key in a form the provider accepts (default: 32 hex characters) */
    default String newIdempotencyKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
