package dev.complaintkit;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.port.ComplaintReplyPort;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** A provider with a scripted history store that counts every port call. */
    static class Scripted implements ComplaintProvider, ProviderAdapter, ComplaintQueryPort, ComplaintReplyPort {
        final String id;
        final Set<Capability> capabilities;
        int historyEntries = 0;
        boolean totalOnFirstPageOnly = false;
        /** When set, answers history pages instead of the store (a hostile server). */
        java.util.function.Function<PageRequest, Page<NegotiationEntry>> historyAnswer;
        final List<PageRequest> historyFetches = new ArrayList<>();
        final List<ReplyRequest> replies = new ArrayList<>();
        final Deque<ComplaintException> failures = new ArrayDeque<>();
        int calls;

        Scripted(String id, Set<Capability> capabilities) {
            this.id = id;
            this.capabilities = capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public ProviderConfig configFromProperties(Map<String, String> properties) {
            return new NoConfig(id);
        }

        @Override
        public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
            return this;
        }

        @Override
        public Optional<ComplaintQueryPort> queries() {
            return Optional.of(this);
        }

        @Override
        public Optional<ComplaintReplyPort> replies() {
            return Optional.of(this);
        }

        private void call() {
            calls++;
            ComplaintException f = failures.poll();
            if (f != null) {
                throw f;
            }
        }

        @Override
        public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
            call();
            return new Page<>(List.of(), page, OptionalLong.of(0));
        }

        @Override
        public Page<NegotiationEntry> history(ComplaintId complaintId, PageRequest page) {
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

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            call();
            replies.add(request);
            return new ReplyReceipt(request.complaintId(), id, request.idempotencyKey().orElseThrow(), "0000", "ok");
        }

        @Override
        public int defaultPageSize() {
            return 10;
        }
    }

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
