/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

/**
 * The write side of a provider: the parent of every write capability's port ({@link ReplyPort},
 * {@link CompletePort}, {@link RefundDecisionPort}, {@link ImageUploadPort}). Each write port says
 * how its write is repeated after the answer was lost ({@code replySafety()}, {@code completeSafety()},
 * …, one per port, since one adapter implements several) and, when it has no idempotency key, how
 * to find the trace of a write by reading ({@code traceOf…}).
 */
public interface ComplaintReplyPort {

    /**
     * How a write is repeated after its answer was lost.
     */
    enum WriteSafety {
        /** The provider recognises a repeated write by its idempotency key: retries reuse the key. */
        KEYED,
        /**
         * No idempotency key: a write whose outcome is unknown is re-sent only after reading showed
         * it left no trace; when reading cannot tell, the client fails with an outcome-unknown error.
         */
        RECONCILED,
        /** Repeating is harmless (an image upload makes another media id). */
        REPEATABLE
    }

    /** What reading found about a write whose answer was lost. */
    enum WriteTrace {
        /** The write happened: do not send it again. */
        FOUND,
        /** No trace: it did not happen, sending again is safe. */
        ABSENT,
        /** Reading cannot tell. */
        UNKNOWN
    }
}
