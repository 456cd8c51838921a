/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import dev.complaintkit.annotation.ProtectedApi;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintReplyPort.WriteTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reconciliation by reading, for providers without idempotency keys: looks through a complaint's
 * negotiation history for the trace a write leaves (a merchant reply with the same text, a refund
 * approval) since it was sent, so a write whose answer was lost is confirmed instead of sent twice.
 */
@ProtectedApi
public final class HistoryTraces {
    /** The clock skew allowed between this machine and the provider's when comparing entry times. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(2);

    private static final System.Logger LOG = System.getLogger(HistoryTraces.class.getName());

    private HistoryTraces() {}

    /**
     * Pages through the history until an entry matches.
     *
     * @param history reads one page of the complaint's history
     * @param pageSize the page size to read with (the provider's largest)
     * @param sentAt when the write was first sent
     * @param isIt whether an entry is the write's trace
     * @return {@link WriteTrace#FOUND} when an entry matches and is not older than {@code sentAt} minus
     *     {@link #DEFAULT_SKEW} (an entry without a time counts), {@link WriteTrace#ABSENT} when none does,
     *     {@link WriteTrace#UNKNOWN} when the history could not be read (logged without its details)
     */
    public static WriteTrace find(Function<PageRequest, Page<NegotiationEntry>> history, int pageSize, Instant sentAt,
            Predicate<NegotiationEntry> isIt) {
        try {
            Instant since = sentAt.minus(DEFAULT_SKEW);
            PageRequest page = PageRequest.first(pageSize);
            while (true) {
                Page<NegotiationEntry> p = history.apply(page);
                for (NegotiationEntry e : p.items()) {
                    if (isIt.test(e) && (e.time() == null || !e.time().toInstant().isBefore(since))) {
                        return WriteTrace.FOUND;
                    }
                }
                Optional<PageRequest> next = p.nextRequest();
                if (next.isEmpty()) {
                    return WriteTrace.ABSENT;
                }
                page = next.get();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "reading the history to reconcile a write failed: "
                    + e.getClass().getSimpleName());
            return WriteTrace.UNKNOWN;
        }
    }
}
