/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.ComplaintReplyPort;
import dev.complaintkit.port.CompletePort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.RefundDecisionPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;

/** Providers for core's own tests (core cannot use the test kit, which depends on it). */
final class TestProviders {
    private TestProviders() {}

    record NoConfig(String providerId) implements ProviderConfig {
        @Override
        public Map<String, String> describe() {
            return Map.of();
        }
    }

    /**
     * A provider with a scripted history store that counts every port call. Its capabilities are
     * those of the adapter class chosen for the set asked for: everything, reply only or history only.
     */
    static class Scripted implements ComplaintProvider<NoConfig> {
        final String id;
        final Class<? extends ProviderAdapter> adapterType;
        int historyEntries = 0;
        boolean totalOnFirstPageOnly = false;
        /** When set, answers history pages instead of the store (a hostile server). */
        java.util.function.Function<PageRequest, Page<NegotiationEntry>> historyAnswer;
        final List<PageRequest> historyFetches = new ArrayList<>();
        final List<ReplyRequest> replies = new ArrayList<>();
        final List<ComplaintRef> completions = new ArrayList<>();
        final Deque<ComplaintException> failures = new ArrayDeque<>();
        /** How the reply and completion ports say retries work. */
        ComplaintReplyPort.WriteSafety writeSafety = ComplaintReplyPort.WriteSafety.KEYED;
        /** What reading finds of a write whose answer was lost. */
        ComplaintReplyPort.WriteTrace trace = ComplaintReplyPort.WriteTrace.UNKNOWN;
        int traceReads;
        int calls;

        Scripted(String id, Set<Capability> capabilities) {
            this.id = id;
            if (capabilities.equals(EnumSet.allOf(Capability.class)) || capabilities.equals(Capability.implementedBy(Full.class))) {
                adapterType = Full.class;
            } else if (capabilities.equals(Set.of(Capability.REPLY))) {
                adapterType = ReplyOnly.class;
            } else if (capabilities.equals(Set.of(Capability.NEGOTIATION_HISTORY))) {
                adapterType = HistoryOnly.class;
            } else if (capabilities.isEmpty()) {
                adapterType = Nothing.class;
            } else {
                throw new IllegalArgumentException("no test adapter for " + capabilities);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Class<NoConfig> configType() {
            return NoConfig.class;
        }

        @Override
        public Class<? extends ProviderAdapter> adapterType() {
            return adapterType;
        }

        @Override
        public NoConfig configFromProperties(Map<String, String> properties) {
            return new NoConfig(id);
        }

        @Override
        public ProviderAdapter create(NoConfig config, ProviderContext context) {
            if (adapterType == Full.class) {
                return new Full(this);
            }
            if (adapterType == ReplyOnly.class) {
                return new ReplyOnly(this);
            }
            if (adapterType == HistoryOnly.class) {
                return new HistoryOnly(this);
            }
            return new Nothing();
        }

        void call() {
            calls++;
            ComplaintException f = failures.poll();
            if (f != null) {
                throw f;
            }
        }

        Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
            call();
            return new Page<>(List.of(), page, OptionalLong.of(0));
        }

        Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
            call();
            historyFetches.add(page);
            if (historyAnswer != null) {
                return historyAnswer.apply(page);
            }
            int from = (int) Math.min(page.offset(), historyEntries);
            int to = Math.min(from + page.size(), historyEntries);
            List<NegotiationEntry> items = IntStream.range(from, to).mapToObj(TestProviders::entry).toList();
            OptionalLong total = totalOnFirstPageOnly && page.offset() > 0 ? OptionalLong.empty() : OptionalLong.of(historyEntries);
            return new Page<>(items, page, total);
        }

        ReplyReceipt reply(ReplyRequest request) {
            call();
            replies.add(request);
            return new ReplyReceipt(request.complaintId(), id, request.idempotencyKey().orElseThrow(), "0000", "ok");
        }

        WriteReceipt complete(ComplaintRef complaint) {
            call();
            completions.add(complaint);
            return new WriteReceipt(complaint.id(), id, "complete", false, "req-1");
        }

        ComplaintReplyPort.WriteTrace trace() {
            traceReads++;
            return trace;
        }
    }

    /** Every capability this test provider has. */
    static final class Full implements ProviderAdapter, ListComplaintsPort, NegotiationHistoryPort, ReplyPort, CompletePort,
            RefundDecisionPort, dev.complaintkit.port.ImageUploadPort {
        private final Scripted s;

        Full(Scripted s) {
            this.s = s;
        }

        @Override
        public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
            return s.listComplaints(filter, page);
        }

        @Override
        public int defaultListPageSize() {
            return 10;
        }

        @Override
        public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
            return s.history(complaint, page);
        }

        @Override
        public int defaultHistoryPageSize() {
            return 10;
        }

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            return s.reply(request);
        }

        @Override
        public WriteTrace traceOf(ReplyRequest request, Instant sentAt) {
            return s.trace();
        }

        @Override
        public WriteReceipt complete(ComplaintRef complaint) {
            return s.complete(complaint);
        }

        @Override
        public WriteTrace traceOfComplete(ComplaintRef complaint, Instant sentAt) {
            return s.trace();
        }

        @Override
        public WriteReceipt decideRefund(RefundDecision decision) {
            s.call();
            return new WriteReceipt(decision.complaint().id(), s.id, "refund decision", false, "");
        }

        @Override
        public dev.complaintkit.model.UploadedImage uploadImage(dev.complaintkit.model.ImageUpload image) {
            s.call();
            return new dev.complaintkit.model.UploadedImage("media-" + image.size(), s.id);
        }

        @Override
        public WriteSafety replySafety() {
            return s.writeSafety;
        }

        @Override
        public WriteSafety completeSafety() {
            return s.writeSafety;
        }
    }

    /** Only replies. */
    static final class ReplyOnly implements ProviderAdapter, ReplyPort {
        private final Scripted s;

        ReplyOnly(Scripted s) {
            this.s = s;
        }

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            return s.reply(request);
        }

        @Override
        public WriteSafety replySafety() {
            return WriteSafety.KEYED;
        }
    }

    /** Only history. */
    static final class HistoryOnly implements ProviderAdapter, NegotiationHistoryPort {
        private final Scripted s;

        HistoryOnly(Scripted s) {
            this.s = s;
        }

        @Override
        public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
            return s.history(complaint, page);
        }
    }

    /** No capability at all. */
    static final class Nothing implements ProviderAdapter {}

    static NegotiationEntry entry(int i) {
        return new NegotiationEntry("log-" + i, "商户", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).plusMinutes(i),
                OperationType.MERCHANT_RESPONSE, "MERCHANT_RESPONSE", "row " + i, List.of(), List.of());
    }

    /** Registered by DiscoveryTest's class loader. */
    public static final class Alpha extends Scripted {
        public Alpha() {
            super("alpha", EnumSet.allOf(Capability.class));
        }
    }

    /** Same id as Alpha. */
    public static final class AlphaAgain extends Scripted {
        public AlphaAgain() {
            super("alpha", EnumSet.allOf(Capability.class));
        }
    }

    /** Another id. */
    public static final class Beta extends Scripted {
        public Beta() {
            super("beta", EnumSet.of(Capability.REPLY));
        }
    }

    /** Throws in its constructor. */
    public static final class Broken extends Scripted {
        public Broken() {
            super("broken", Set.of());
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Claims an SPI version from the future. */
    public static final class FromTheFuture extends Scripted {
        public FromTheFuture() {
            super("future", Set.of(Capability.REPLY));
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION + 1;
        }
    }
}
