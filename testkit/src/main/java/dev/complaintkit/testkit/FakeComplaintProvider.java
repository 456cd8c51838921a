package dev.complaintkit.testkit;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
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
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory provider (id {@value #ID}) for users' tests: holds complaints with their histories,
 * supports every capability, records every call, and can be told to fail the next call.
 * Registered through ServiceLoader, so {@code Complaints.client("fake", Map.of())} finds one; pass
 * your own instance to {@code Complaints.builder().provider(fake)} to seed and inspect it.
 *
 * <pre>{@code
 * FakeComplaintProvider fake = FakeComplaintProvider.create().seed(25, 4);
 * ComplaintClient client = Complaints.builder().provider(fake).build();
 * client.reply(ReplyRequest.builder(fake.complaints().get(0).id().value()).text("已处理").build());
 * assertThat(fake.replies()).hasSize(1);
 * }</pre>
 */
public final class FakeComplaintProvider implements ComplaintProvider, ReceivesReplies {
    /** The fake's provider id. */
    public static final String ID = "fake";

    /**
     * One call the fake received.
     *
     * @param operation {@code list}, {@code history} or {@code reply}
     * @param argument the filter, complaint id or reply request
     * @param page the page asked for, or {@code null} for replies
     */
    public record Call(String operation, Object argument, PageRequest page) {}

    private final ComplaintStore store;
    private final Map<String, ReplyReceipt> receiptsByKey = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ReplyRequest> replies = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ComplaintException> nextFailure = new AtomicReference<>();

    /** Public for ServiceLoader; prefer {@link #create()}. */
    public FakeComplaintProvider() {
        this(ComplaintStore.create());
    }

    private FakeComplaintProvider(ComplaintStore store) {
        this.store = store;
    }

    /** @return an empty fake */
    public static FakeComplaintProvider create() {
        return new FakeComplaintProvider();
    }

    /** @param store the data to serve (shared, not copied) @return a fake serving it */
    public static FakeComplaintProvider over(ComplaintStore store) {
        return new FakeComplaintProvider(store);
    }

    /** @return the store behind this fake */
    public ComplaintStore store() {
        return store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * @param complaint a complaint to serve
     * @param history its negotiation history, oldest first
     * @return this
     */
    public FakeComplaintProvider add(Complaint complaint, List<NegotiationEntry> history) {
        store.add(complaint, history);
        return this;
    }

    /**
     * Adds generated, realistic complaints (see {@link ComplaintStore#seed(int, int)}).
     *
     * @param count how many complaints
     * @param historyPerComplaint history rows per complaint
     * @return this
     */
    public FakeComplaintProvider seed(int count, int historyPerComplaint) {
        store.seed(count, historyPerComplaint);
        return this;
    }

    /** @param failure thrown by the next call (any operation), once */
    public void failNext(ComplaintException failure) {
        nextFailure.set(failure);
    }

    /** @return the complaints held, in order, as this provider lists them */
    public List<Complaint> complaints() {
        return store.complaints().stream().map(FakeComplaintProvider::tagged).toList();
    }

    /** @param id a complaint @return its history */
    public List<NegotiationEntry> history(ComplaintId id) {
        return store.history(id).orElse(List.of());
    }

    private static Complaint tagged(Complaint c) {
        return c.providerId().equals(ID) ? c : new Complaint(c.id(), ID, c.state(), c.channel(), c.reason(),
                c.complainedAt(), c.deadline(), c.overdue(), c.closedAt(), c.complainantPhone(), c.orderReference(), c.extra());
    }

    /** @return the distinct replies accepted (a retry with the same idempotency key is not counted twice) */
    public List<ReplyRequest> replies() {
        return List.copyOf(replies);
    }

    @Override
    public List<ReplyRequest> receivedReplies() {
        return replies();
    }

    /** @return every call received, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return how many calls were received */
    public int callCount() {
        return calls.size();
    }

    /** Forgets complaints, histories, replies, calls and any pending failure. */
    public void reset() {
        store.clear();
        receiptsByKey.clear();
        replies.clear();
        calls.clear();
        nextFailure.set(null);
    }

    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        ConfigCheck check = new ConfigCheck(ID);
        check.unknownKeys(properties, List.of());
        check.throwIfAny();
        return FakeConfig.INSTANCE;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        if (!(config instanceof FakeConfig)) {
            throw new ConfigurationException("The fake provider takes its own config (configFromProperties), not "
                    + (config == null ? "null" : config.getClass().getName()));
        }
        return new Adapter();
    }

    private enum FakeConfig implements ProviderConfig {
        INSTANCE;

        @Override
        public String providerId() {
            return ID;
        }

        @Override
        public Map<String, String> describe() {
            return Map.of();
        }
    }

    private void before(Call call) {
        calls.add(call);
        ComplaintException failure = nextFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    private final class Adapter implements ProviderAdapter, ComplaintQueryPort, ComplaintReplyPort {
        @Override
        public Optional<ComplaintQueryPort> queries() {
            return Optional.of(this);
        }

        @Override
        public Optional<ComplaintReplyPort> replies() {
            return Optional.of(this);
        }

        @Override
        public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
            before(new Call("list", filter, page));
            List<Complaint> matching = complaints().stream().filter(c -> matches(filter, c)).toList();
            return slice(matching, page);
        }

        @Override
        public Page<NegotiationEntry> history(ComplaintId complaintId, PageRequest page) {
            before(new Call("history", complaintId, page));
            List<NegotiationEntry> h = store.history(complaintId).orElseThrow(
                    () -> new ProviderException(ID, "NOT_FOUND", "no complaint " + complaintId, false));
            return slice(h, page);
        }

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            before(new Call("reply", request, null));
            if (!store.contains(request.complaintId())) {
                throw new ProviderException(ID, "NOT_FOUND", "no complaint " + request.complaintId(), false);
            }
            String key = request.idempotencyKey().orElseThrow();
            return receiptsByKey.computeIfAbsent(key, k -> {
                replies.add(request);
                store.append(request.complaintId(), new NegotiationEntry("fake-" + k, "商户",
                        OffsetDateTime.now(ZoneOffset.ofHours(8)), OperationType.MERCHANT_RESPONSE,
                        OperationType.MERCHANT_RESPONSE.name(), request.text(), List.of(), request.imageMediaIds()));
                return new ReplyReceipt(request.complaintId(), ID, k, "0000", "回复成功");
            });
        }
    }

    private static boolean matches(ComplaintFilter f, Complaint c) {
        return f.state().map(s -> s == c.state()).orElse(true)
                && f.channel().map(ch -> ch == c.channel()).orElse(true)
                && f.overdue().map(o -> o == c.overdue()).orElse(true)
                && f.from().map(from -> !c.complainedAt().toInstant().isBefore(from)).orElse(true)
                && f.to().map(to -> !c.complainedAt().toInstant().isAfter(to)).orElse(true)
                && f.complaintId().map(id -> id.equals(c.id())).orElse(true);
    }

    private static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = (int) Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.size(), all.size());
        return new Page<>(all.subList(from, to), page, OptionalLong.of(all.size()));
    }

    @Override
    public String toString() {
        return "FakeComplaintProvider[" + store.complaints().size() + " complaints, " + replies.size() + " replies]";
    }
}
