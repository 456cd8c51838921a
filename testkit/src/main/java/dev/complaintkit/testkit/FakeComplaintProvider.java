/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ProblemType;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.RevealedPhone;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.CompletePort;
import dev.complaintkit.port.ImageDownloadPort;
import dev.complaintkit.port.ImageUploadPort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.port.NotificationUrlPort;
import dev.complaintkit.port.PhoneRevealPort;
import dev.complaintkit.port.RefundDecisionPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory provider (id {@value #ID}) for users' tests, with every capability of the
 * lifecycle: it holds complaints with their histories, follows WeChat Pay's state machine (the
 * first reply moves {@code PENDING → PROCESSING}, completing and a refund rejection move to
 * {@code PROCESSED}), records every call and every write, and can be told to fail the next call.
 * It is not registered through ServiceLoader: wire it by hand, as OpenTelemetry's in-memory
 * exporters are.
 *
 * <pre>{@code
 * FakeComplaintProvider fake = FakeComplaintProvider.create().seed(25, 4);
 * ComplaintClient client = Complaints.builder().provider(fake).build();
 * client.reply(ReplyRequest.builder(fake.complaints().get(0).id().value()).text("已处理").build());
 * assertThat(fake.replies()).hasSize(1);
 * }</pre>
 *
 * <p>Its phones are "encrypted" reversibly (Base64 with a prefix), so {@code revealPhone} works;
 * its notifications are "signed" with the header {@value #SIGNATURE_HEADER} equal to
 * {@value #SIGNATURE}, and {@link #notification(String, ComplaintId)} builds one.
 */
public final class FakeComplaintProvider implements ComplaintProvider<FakeComplaintProvider.FakeConfig>, ReceivesReplies {
    /** The fake's provider id. */
    public static final String ID = "fake";
    /** The header a fake notification's "signature" travels in. */
    public static final String SIGNATURE_HEADER = "X-Fake-Signature";
    /** The only "signature" the fake accepts. */
    public static final String SIGNATURE = "fake-signed";
    /** Where the fake's media URLs point (never resolved: the fake serves them itself). */
    public static final String MEDIA_BASE = "https://fake.invalid/media/";

    private static final String CIPHER_PREFIX = "fake-cipher:";

    /**
     * One call the fake received.
     *
     * @param operation the capability's operation name (e.g. {@code reply}, {@code complete})
     * @param argument the filter, complaint, request or decision
     * @param page the page asked for, or {@code null}
     */
    public record Call(String operation, Object argument, PageRequest page) {}

    private final ComplaintStore store;
    private final Map<String, ReplyReceipt> receiptsByKey = new ConcurrentHashMap<>();
    private final List<ReplyRequest> replies = new CopyOnWriteArrayList<>();
    private final List<ComplaintRef> completions = new CopyOnWriteArrayList<>();
    private final List<RefundDecision> refundDecisions = new CopyOnWriteArrayList<>();
    private final Map<String, ImageUpload> uploads = new ConcurrentHashMap<>();
    private final Map<ComplaintId, String> phones = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ComplaintException> nextFailure = new AtomicReference<>();
    private final AtomicReference<String> notificationUrl = new AtomicReference<>();
    private final AtomicInteger mediaSeq = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean loseNextAnswer = new java.util.concurrent.atomic.AtomicBoolean();

    private FakeComplaintProvider(ComplaintStore store) {
        this.store = store;
    }

    /** @return an empty fake */
    public static FakeComplaintProvider create() {
        return new FakeComplaintProvider(ComplaintStore.create());
    }

    /**
     * @param store the data to serve (shared, not copied)
     * @return a fake serving it
     */
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
    public Class<FakeConfig> configType() {
        return FakeConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return Adapter.class;
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

    /**
     * @param id a complaint
     * @param phone the complainant's full number, served encrypted in the detail
     * @return this
     */
    public FakeComplaintProvider phone(ComplaintId id, String phone) {
        phones.put(id, phone);
        return this;
    }

    /** @param failure thrown by the next call (any operation), once */
    public void failNext(ComplaintException failure) {
        nextFailure.set(failure);
    }

    /**
     * Makes the next write (reply, complete, refund decision) happen and then lose its answer, as a
     * connection reset after the provider handled the request would: the client must reconcile.
     */
    public void loseNextAnswer() {
        loseNextAnswer.set(true);
    }

    private <T> T answered(T result) {
        if (loseNextAnswer.getAndSet(false)) {
            throw new dev.complaintkit.error.TransportException("[fake] the connection was reset after the fake handled the call",
                    null, true);
        }
        return result;
    }

    /** @return the complaints held, in order, as this provider lists them */
    public List<Complaint> complaints() {
        return store.complaints().stream().map(FakeComplaintProvider::tagged).toList();
    }

    /**
     * @param id a complaint
     * @return it as held now (its state follows the writes)
     */
    public Optional<Complaint> complaint(ComplaintId id) {
        return store.find(id).map(FakeComplaintProvider::tagged);
    }

    /**
     * @param id a complaint
     * @return its history
     */
    public List<NegotiationEntry> history(ComplaintId id) {
        return store.history(id).orElse(List.of());
    }

    private static Complaint tagged(Complaint c) {
        return c.providerId().equals(ID) ? c : withState(c, c.state(), ID);
    }

    private static Complaint withState(Complaint c, ComplaintState state, String providerId) {
        return new Complaint(c.id(), providerId, state, c.channel(), c.reason(), c.complainedAt(), c.deadline(), c.overdue(),
                state == ComplaintState.PROCESSED && c.closedAt().isEmpty() ? Optional.of(OffsetDateTime.now(ZoneOffset.ofHours(8)))
                        : c.closedAt(),
                c.complainantPhone(), c.orderReference(), c.extra());
    }

    /** @return the distinct replies accepted (a retry with the same idempotency key is not counted twice) */
    public List<ReplyRequest> replies() {
        return List.copyOf(replies);
    }

    @Override
    public List<ReplyRequest> receivedReplies() {
        return replies();
    }

    /** @return the completions accepted, in order */
    public List<ComplaintRef> completions() {
        return List.copyOf(completions);
    }

    /** @return the refund decisions accepted, in order */
    public List<RefundDecision> refundDecisions() {
        return List.copyOf(refundDecisions);
    }

    /** @return the images uploaded, by media id */
    public Map<String, ImageUpload> uploads() {
        return Map.copyOf(uploads);
    }

    /** @return the notification URL set, if any */
    public Optional<String> notificationUrlSet() {
        return Optional.ofNullable(notificationUrl.get());
    }

    /**
     * Builds a delivery the fake verifies: a JSON body with the event id and complaint, "signed".
     *
     * @param eventId the event id (repeat it to simulate a re-delivery)
     * @param complaint the complaint it is about
     * @return the delivery
     */
    public NotificationDelivery notification(String eventId, ComplaintId complaint) {
        String body = "{\"id\":\"" + eventId + "\",\"event_type\":\"COMPLAINT.STATE_CHANGE\",\"complaint_id\":\""
                + complaint.value() + "\",\"action_type\":\"USER_RESPONSE\"}";
        return NotificationDelivery.of("POST", Map.of(SIGNATURE_HEADER, SIGNATURE, "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** @return every call received, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return how many calls were received */
    public int callCount() {
        return calls.size();
    }

    /** Forgets complaints, histories, writes, calls and any pending failure. */
    public void reset() {
        store.clear();
        receiptsByKey.clear();
        replies.clear();
        completions.clear();
        refundDecisions.clear();
        uploads.clear();
        phones.clear();
        calls.clear();
        notificationUrl.set(null);
        nextFailure.set(null);
    }

    @Override
    public FakeConfig configFromProperties(Map<String, String> properties) {
        Settings s = Settings.of(ID, properties);
        return s.build(() -> FakeConfig.INSTANCE);
    }

    @Override
    public ProviderAdapter create(FakeConfig config, ProviderContext context) {
        return new Adapter();
    }

    /** The fake's configuration: it has no settings. */
    public enum FakeConfig implements ProviderConfig {
        /** The only one. */
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

    private Complaint require(ComplaintId id) {
        return store.find(id).orElseThrow(() -> new ProviderException(ID, "NOT_FOUND", "no complaint " + id, false));
    }

    private void record(ComplaintId id, OperationType type, String text, List<String> images) {
        store.append(id, new NegotiationEntry("fake-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-" + mediaSeq.incrementAndGet(),
                "商户", OffsetDateTime.now(ZoneOffset.ofHours(8)), type, type.name(), text, List.of(), images));
    }

    /** The fake's adapter: every capability port. */
    final class Adapter implements ProviderAdapter, ListComplaintsPort, ComplaintDetailPort, NegotiationHistoryPort,
            PhoneRevealPort, ImageDownloadPort, ReplyPort, CompletePort, RefundDecisionPort, ImageUploadPort, NotificationPort,
            NotificationUrlPort {

        @Override
        public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
            before(new Call("list complaints", filter, page));
            List<Complaint> matching = complaints().stream().filter(c -> matches(filter, c)).toList();
            return slice(matching, page);
        }

        @Override
        public ComplaintDetail detail(ComplaintRef complaint) {
            before(new Call("complaint detail", complaint, null));
            Complaint c = tagged(require(complaint.id()));
            String phone = phones.get(c.id());
            Map<String, String> extra = new LinkedHashMap<>(c.extra());
            return new ComplaintDetail(c, complaint.subMerchant(), List.of(new OrderInfo("4200000000" + c.id().value().hashCode(),
                    c.orderReference(), OptionalLong.of(1990))), ProblemType.REFUND, "REFUND", "申请退款", OptionalLong.of(1990),
                    List.of("TRUSTED"), false, false, 1, false, List.of(),
                    phone == null ? ComplainantPhone.masked(c.complainantPhone())
                            : ComplainantPhone.encrypted(CIPHER_PREFIX + Base64.getEncoder().encodeToString(
                                    phone.getBytes(StandardCharsets.UTF_8))),
                    extra);
        }

        @Override
        public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
            before(new Call("negotiation history", complaint, page));
            List<NegotiationEntry> h = store.history(complaint.id()).orElseThrow(
                    () -> new ProviderException(ID, "NOT_FOUND", "no complaint " + complaint.id(), false));
            return slice(h, page);
        }

        @Override
        public RevealedPhone revealPhone(String ciphertext) {
            before(new Call("reveal phone", "ciphertext", null));
            if (!ciphertext.startsWith(CIPHER_PREFIX)) {
                throw new SignatureException(ID, "the phone ciphertext is not the fake's");
            }
            return new RevealedPhone(new String(Base64.getDecoder().decode(ciphertext.substring(CIPHER_PREFIX.length())),
                    StandardCharsets.UTF_8));
        }

        @Override
        public DownloadedImage downloadImage(String mediaUrl) {
            before(new Call("image download", mediaUrl, null));
            ImageUpload image = mediaUrl.startsWith(MEDIA_BASE) ? uploads.get(mediaUrl.substring(MEDIA_BASE.length())) : null;
            if (image == null) {
                throw new ProviderException(ID, "NOT_FOUND", "no media at this URL", false);
            }
            return new DownloadedImage(image.fileName().endsWith(".png") ? "image/png" : "image/jpeg", image.bytes());
        }

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            before(new Call("reply", request, null));
            Complaint c = require(request.complaintId());
            String key = request.idempotencyKey().orElseThrow();
            return answered(receiptsByKey.computeIfAbsent(key, k -> {
                replies.add(request);
                record(c.id(), OperationType.MERCHANT_RESPONSE, request.text(), request.imageMediaIds());
                if (c.state() == ComplaintState.PENDING) {
                    store.update(c.id(), old -> withState(old, ComplaintState.PROCESSING, old.providerId()));
                }
                return new ReplyReceipt(request.complaintId(), ID, k, "0000", "回复成功");
            }));
        }

        @Override
        public WriteSafety replySafety() {
            return WriteSafety.KEYED;
        }

        @Override
        public WriteReceipt complete(ComplaintRef complaint) {
            before(new Call("complete", complaint, null));
            Complaint c = require(complaint.id());
            if (c.state() != ComplaintState.PROCESSED) {
                completions.add(complaint);
                record(c.id(), OperationType.MERCHANT_CONFIRM_COMPLETE, "", List.of());
                store.update(c.id(), old -> withState(old, ComplaintState.PROCESSED, old.providerId()));
            }
            return answered(new WriteReceipt(c.id(), ID, "complete", false, ""));
        }

        @Override
        public WriteTrace traceOfComplete(ComplaintRef complaint, Instant sentAt) {
            return store.find(complaint.id()).map(c -> c.state() == ComplaintState.PROCESSED ? WriteTrace.FOUND : WriteTrace.ABSENT)
                    .orElse(WriteTrace.UNKNOWN);
        }

        @Override
        public WriteReceipt decideRefund(RefundDecision decision) {
            before(new Call("refund decision", decision, null));
            Complaint c = require(decision.complaint().id());
            refundDecisions.add(decision);
            boolean approve = decision.action() == RefundDecision.Action.APPROVE;
            record(c.id(), approve ? OperationType.MERCHANT_APPROVE_REFUND : OperationType.MERCHANT_REFUSE_RERUND,
                    decision.rejectReason().orElse(""), decision.rejectImageMediaIds());
            if (!approve) {
                store.update(c.id(), old -> withState(old, ComplaintState.PROCESSED, old.providerId()));
            }
            return answered(new WriteReceipt(c.id(), ID, "refund decision", false, ""));
        }

        @Override
        public UploadedImage uploadImage(ImageUpload image) {
            before(new Call("image upload", image, null));
            String id = "fake-media-" + mediaSeq.incrementAndGet();
            uploads.put(id, image);
            return new UploadedImage(id, ID);
        }

        @Override
        public ComplaintEvent verify(NotificationDelivery delivery) {
            before(new Call("notifications", delivery, null));
            if (!delivery.header(SIGNATURE_HEADER).map(SIGNATURE::equals).orElse(false)) {
                throw new NotificationRefusedException(NotificationResult.Reason.SIGNATURE,
                        "the delivery has no valid " + SIGNATURE_HEADER + " header");
            }
            Map<String, String> fields = FakeJson.flat(new String(delivery.body(), StandardCharsets.UTF_8));
            String id = fields.get("id");
            String complaint = fields.get("complaint_id");
            if (id == null || complaint == null) {
                throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED, "id and complaint_id are required");
            }
            String type = fields.getOrDefault("event_type", "");
            return new ComplaintEvent(id, ComplaintEvent.Type.fromWire(type), type, ComplaintId.of(complaint),
                    fields.getOrDefault("action_type", ""), OffsetDateTime.now(ZoneOffset.ofHours(8)), ID, fields);
        }

        @Override
        public HttpReply acknowledge(ComplaintEvent event) {
            return new HttpReply(204, Map.of(), new byte[0]);
        }

        @Override
        public HttpReply refuse(NotificationResult.Reason reason, String message) {
            return HttpReply.text(400, "application/json", "{\"code\":\"FAIL\",\"message\":\"" + reason + "\"}");
        }

        @Override
        public Optional<String> notificationUrl() {
            before(new Call("notification URL", "show", null));
            return Optional.ofNullable(notificationUrl.get());
        }

        @Override
        public String setNotificationUrl(String url) {
            before(new Call("notification URL", url, null));
            notificationUrl.set(url);
            return url;
        }

        @Override
        public void deleteNotificationUrl() {
            before(new Call("notification URL", "delete", null));
            notificationUrl.set(null);
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
