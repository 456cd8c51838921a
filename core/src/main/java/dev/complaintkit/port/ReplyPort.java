/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Replies to a complainant (capability {@code REPLY}). */
public interface ReplyPort extends ComplaintReplyPort {

    /**
     * Sends one reply. The request always carries an idempotency key: the client assigned it (see
     * {@link #newIdempotencyKey()}) and reuses it on every retry; a provider with an idempotency
     * field sends it there ({@link WriteSafety#KEYED}).
     *
     * @param request the validated reply with its idempotency key
     * @return the provider's acceptance
     */
    ReplyReceipt reply(ReplyRequest request);

    /**
     * @param request the reply
     * @return provider rules (e.g. characters its charset cannot carry), checked before any I/O
     */
    default List<Violation> validateReply(ReplyRequest request) {
        return List.of();
    }

    /**
     * The longest reply text this provider takes, in characters (Unicode code points). The client
     * checks it with the general rules, before any I/O, so a provider need not repeat it in
     * {@link #validateReply}.
     *
     * @return the limit; WeChat Pay's merchant-page limit of 200 unless the provider says otherwise
     */
    default int maxReplyTextLength() {
        return DEFAULT_MAX_REPLY_TEXT;
    }

    /**
     * @return whether replies may carry a {@link dev.complaintkit.model.MiniProgramJump}; the client
     *     refuses one, before any I/O, when the provider says no (the default)
     */
    default boolean supportsMiniProgramJump() {
        return false;
    }

    /** WeChat Pay's limit on reply text (its merchant page), in characters: the default of {@link #maxReplyTextLength()}. */
    int DEFAULT_MAX_REPLY_TEXT = 200;

    /** @return a fresh, unique idempotency key in a form the provider accepts (default: 32 hex characters) */
    default String newIdempotencyKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Looks, by reading, for a reply whose answer was lost ({@link WriteSafety#RECONCILED} ports).
     *
     * @param request the reply that was sent
     * @param sentAt when it was first sent
     * @return what reading found (default: {@link WriteTrace#UNKNOWN})
     */
    default WriteTrace traceOf(ReplyRequest request, Instant sentAt) {
        return WriteTrace.UNKNOWN;
    }

    /** @return how replies are repeated after a lost answer (default {@link WriteSafety#RECONCILED}) */
    default WriteSafety replySafety() {
        return WriteSafety.RECONCILED;
    }
}
