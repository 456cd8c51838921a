/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintReplyPort.WriteTrace;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HistoryTraces: reconciliation by reading the history")
class HistoryTracesTest {
    static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");

    static NegotiationEntry entry(String text, Instant at) {
        return new NegotiationEntry("log-" + text, "商户", at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)),
                OperationType.MERCHANT_RESPONSE, "MERCHANT_RESPONSE", text, List.of(), List.of());
    }

    /** A history of the given entries served in pages of {@code size}, counting the pages read. */
    static Function<PageRequest, Page<NegotiationEntry>> history(List<NegotiationEntry> all, List<PageRequest> asked) {
        return page -> {
            asked.add(page);
            int from = Math.toIntExact(page.offset());
            int to = Math.min(all.size(), from + page.size());
            return new Page<>(all.subList(Math.min(from, to), to), page, OptionalLong.of(all.size()));
        };
    }

    @Test
    @DisplayName("pages on until the trace, which may be on a later page")
    void foundOnALaterPage() {
        List<PageRequest> asked = new ArrayList<>();
        List<NegotiationEntry> all = List.of(entry("a", SENT.minusSeconds(3600)), entry("b", SENT.minusSeconds(60)),
                entry("reply", SENT.plusSeconds(1)));
        assertThat(HistoryTraces.find(history(all, asked), 2, SENT, e -> e.details().equals("reply"))).isEqualTo(WriteTrace.FOUND);
        assertThat(asked).hasSize(2);
    }

    @Test
    @DisplayName("a matching entry older than the send (beyond the allowed skew) is not this write's trace")
    void olderEntriesDoNotCount() {
        List<NegotiationEntry> all = List.of(entry("reply", SENT.minus(HistoryTraces.DEFAULT_SKEW).minusSeconds(1)));
        assertThat(HistoryTraces.find(history(all, new ArrayList<>()), 50, SENT, e -> e.details().equals("reply")))
                .isEqualTo(WriteTrace.ABSENT);
        List<NegotiationEntry> skewed = List.of(entry("reply", SENT.minusSeconds(90)), entry("untimed", null));
        assertThat(HistoryTraces.find(history(skewed, new ArrayList<>()), 50, SENT, e -> e.details().equals("reply")))
                .isEqualTo(WriteTrace.FOUND);
        assertThat(HistoryTraces.find(history(skewed, new ArrayList<>()), 50, SENT, e -> e.details().equals("untimed")))
                .as("an entry without a time counts").isEqualTo(WriteTrace.FOUND);
    }

    @Test
    @DisplayName("a history that cannot be read is UNKNOWN, never a guess")
    void unreadableIsUnknown() {
        assertThat(HistoryTraces.find(page -> {
            throw new IllegalStateException("connection reset");
        }, 50, SENT, e -> true)).isEqualTo(WriteTrace.UNKNOWN);
    }
}
