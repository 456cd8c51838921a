/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The server side of WeChat Pay APIv3 consumer complaints (消费者投诉2.0), for tests: every endpoint
 * on an ephemeral loopback port, with its own cryptography ({@link WechatPayServerCrypto}, Bouncy
 * Castle) — nothing shared with a client.
 *
 * <p>Every request's {@code Authorization} is checked (SHA256withRSA over method, raw path and query,
 * timestamp, nonce and body — the {@code meta} JSON for an upload — under the merchant public key,
 * the timestamp within 5 minutes); a failure is 401 {@code SIGN_ERROR}, unsigned, as WeChat sends it.
 * Every other answer, 2xx and 4xx, is signed over {@code timestamp\nnonce\nbody\n} with the platform
 * key, under a {@code Wechatpay-Serial} chosen by the {@link SigningMode}; image downloads are
 * unsigned, the one exception. Every answer carries {@code Content-Type} and {@code Request-ID}, a 204
 * too.
 *
 * <ul>
 *   <li>{@code GET} {@value #COMPLAINTS_PATH}: {@code limit} 1..{@value #MAX_LIST_LIMIT} (default 10),
 *       {@code offset}, {@code begin_date}/{@code end_date} required ({@code yyyy-MM-dd}, Asia/Shanghai,
 *       both included, at most {@value #MAX_RANGE_DAYS} days), {@code complainted_mchid} optional but
 *       never empty or {@code null}; newest first; {@code total_count} only at offset 0. Otherwise 400
 *       {@code PARAM_ERROR}.</li>
 *   <li>{@code GET …/{id}}: the complaint with {@code payer_openid} and {@code payer_phone} RSA-OAEP
 *       (SHA-1, MGF1-SHA-1) under the merchant public key; 404 {@code RESOURCE_NOT_EXISTS} for an
 *       unknown id.</li>
 *   <li>{@code GET …/{id}/negotiation-historys}: {@code limit} 1..{@value #MAX_HISTORY_LIMIT} (default
 *       100), oldest first.</li>
 *   <li>{@code POST …/{id}/response} (204): {@code complainted_mchid} must be the complaint's,
 *       {@code response_content} 1..{@link Builder#responseContentLimit(int) limit} characters of the
 *       1–3-byte part of UTF-8, at most 4 {@code response_images} (uploaded media ids), {@code jump_url}
 *       HTTPS with {@code jump_url_text} (1..10) and only together, {@code mini_program_jump_info}
 *       with {@code appid}, {@code path} and {@code text}; no {@code complaint_id} in the body. Refused
 *       with 400 {@code INVALID_REQUEST} for a processed complaint or one that needs immediate service.</li>
 *   <li>{@code POST …/{id}/response-immediate-service} (200 {@code log_id}): only for complaints that need
 *       immediate service; {@code message.blocks} non-empty, {@code sender_identity} UNKNOWN, MANUAL or
 *       MACHINE, {@code idempotent_id} 1..128 characters: the same id again is applied once and answered
 *       with the same {@code log_id}.</li>
 *   <li>{@code POST …/{id}/complete} (204): only {@code complainted_mchid}; 400 {@code INVALID_REQUEST}
 *       when already processed.</li>
 *   <li>{@code POST …/{id}/update-refund-progress} (204): {@code action} APPROVE or REJECT;
 *       {@code launch_refund_day} only with APPROVE, {@code reject_reason}/{@code reject_media_list}
 *       only with REJECT (400 {@code PARAM_ERROR} otherwise); only for {@code REFUND} complaints not
 *       yet decided (400 {@code INVALID_REQUEST}).</li>
 *   <li>{@code POST} {@value #UPLOAD_PATH}: multipart with {@code meta} and {@code file} in either order,
 *       plain or chunked; {@code meta} is {@code {"filename","sha256"}}, the file jpg/jpeg/bmp/png of at
 *       most 2 MB whose SHA-256 matches; answer {@code media_id}. Images used in a reply become
 *       downloadable through the history's {@code image_list}; the uploaded id itself is not.</li>
 *   <li>{@code GET} {@value #IMAGES_PATH}{@code {media_id}}: the image bytes, unsigned.</li>
 *   <li>{@code POST/GET/PUT/DELETE} {@value #NOTIFY_URL_PATH}: one HTTPS URL per merchant; create
 *       when one exists is 400 {@code PARAM_ERROR}, show/update/delete when none is 400
 *       {@code RESOURCE_NOT_EXISTS}.</li>
 * </ul>
 *
 * <p>State machine: {@code PENDING --reply--> PROCESSING --complete--> PROCESSED}; a refund REJECT
 * processes the complaint, an APPROVE waits for {@link #refundArrives(String)}. Every action writes a
 * history row with WeChat's spelling of its {@code operate_type}.
 *
 * <p>Per-minute limits ({@link Builder#rateLimits(boolean)}): reply 60, list 200, history 200, upload
 * 60, complete 1,500, answered 429 {@code FREQUENCY_LIMITED} when exceeded.
 *
 * <p>Faults: every generic {@link Fault} of {@link SimulatorServer}; provider faults
 * {@link Fault#THROTTLED} (a signed 429 {@code FREQUENCY_LIMITED}), {@link Fault#BAD_SIGNATURE} (the
 * body changed after signing), {@link Fault#MISSING_SIGNATURE}, {@link Fault#UNKNOWN_FIELDS} and
 * {@link Fault#OVERSIZED_PAGE}; and one-shot probes on the next signed answer:
 * {@link #nextProbeSignature()}, {@link #nextTamperedAnswer()}, {@link #nextUnknownEnumValues()},
 * {@link #nextAnswerSerial(String)}, {@link #nextError(int, String, String)}, and
 * {@link #nextAnswerLost()} (the write is applied, the answer never arrives).
 *
 * <p>Notifications: {@link #notification(String, String)} builds a real signed delivery whose
 * resource is AES-256-GCM-encrypted under the APIv3 key; {@link #notification(String, String,
 * NotificationVariant)} a probe, a bad signature, a stale one or a tampered one; {@link #deliver}
 * POSTs it (again, for a duplicate with the same {@code id}), {@link #deliverUntilAccepted} retries it with
 * the same {@code id} as WeChat does until the receiver answers 2xx. Scenario hooks ({@link #userResponds},
 * {@link #refundArrives}, {@link #userContinues}, {@link #newComplaint}) change the complaint, write its
 * history and deliver the notification to {@link #notificationTarget(URI) the target} when one is set.
 *
 * <pre>{@code
 * WechatPaySimulator sim = WechatPaySimulator.builder().complaints(WechatPayFixtures.sixtyDays(today)).build().start();
 * WechatPayConfig config = WechatPayConfig.builder().endpoint(sim.baseUri().toString()) ... // WechatPayTestKeys
 * sim.nextAnswerLost();            // the next write takes effect, its answer is lost
 * }</pre>
 */
public final class WechatPaySimulator extends SimulatorServer implements Dispatcher {
    /** The base path of the complaint API. */
    public static final String BASE_PATH = "/v3/merchant-service";
    /** The complaint list; a complaint is below it. */
    public static final String COMPLAINTS_PATH = BASE_PATH + "/complaints-v2";
    /** The notification URL resource. */
    public static final String NOTIFY_URL_PATH = BASE_PATH + "/complaint-notifications";
    /** The image upload. */
    public static final String UPLOAD_PATH = BASE_PATH + "/images/upload";
    /** Media ids are downloaded below this path. */
    public static final String IMAGES_PATH = BASE_PATH + "/images/";
    /** The host media URLs are issued on, as WeChat Pay issues them (a client signs and sends the path on its own host). */
    public static final String MEDIA_HOST = "https://api.mch.weixin.qq.com";
    /** WeChat's largest list page. */
    public static final int MAX_LIST_LIMIT = 50;
    /** WeChat's largest history page. */
    public static final int MAX_HISTORY_LIMIT = 300;
    /** The longest list range, in days, both ends included. */
    public static final int MAX_RANGE_DAYS = 30;
    /** The largest image accepted. */
    public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    /** The prefix of a signature probe (签名探测). */
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
    /** The dates of a list call and every time the simulator writes are in this zone. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** How the simulator writes times: RFC 3339 with seconds and offset, e.g. {@code 2024-06-12T09:30:15+08:00}. */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    /** How answers are signed: which key, under which {@code Wechatpay-Serial}. */
    public enum SigningMode {
        /** The WeChat Pay public key mode: {@code Wechatpay-Serial: PUB_KEY_ID_…}. */
        PUBLIC_KEY,
        /** The older platform certificate mode: the certificate's hex serial. */
        CERTIFICATE,
        /**
         * WeChat's migration: an answer is signed with the public key when the request's
         * {@code Wechatpay-Serial} names it, otherwise with the certificate; notifications with the certificate.
         */
        MIGRATION
    }

    /** WeChat Pay's per-minute limits, per merchant. */
    public enum Limit {
        /** Both reply endpoints. */
        REPLY(60),
        /** The complaint list. */
        LIST(200),
        /** The negotiation history. */
        HISTORY(200),
        /** The image upload. */
        UPLOAD(60),
        /** Marking a complaint handled. */
        COMPLETE(1500);

        private final int perMinute;

        Limit(int perMinute) {
            this.perMinute = perMinute;
        }

        /** @return WeChat's documented calls per minute */
        public int perMinute() {
            return perMinute;
        }
    }

    /** What is wrong with a notification delivery, on purpose. */
    public enum NotificationVariant {
        /** Signed correctly, now. */
        VALID,
        /** A signature probe: {@code Wechatpay-Signature} starts with {@value WechatPaySimulator#PROBE_PREFIX}. */
        PROBE,
        /** A well-formed signature over other bytes. */
        BAD_SIGNATURE,
        /** Signed correctly, but with a timestamp 6 minutes old. */
        STALE,
        /** Signed, then one byte of the body changed. */
        TAMPERED,
        /** No {@code Wechatpay-Signature} header at all. */
        MISSING_SIGNATURE
    }

    /**
     * One notification as WeChat Pay POSTs it.
     *
     * @param id the notification id (the same on every delivery of it)
     * @param eventType {@code COMPLAINT.CREATE} or {@code COMPLAINT.STATE_CHANGE}
     * @param complaintId the complaint (inside the encrypted resource)
     * @param actionType the action type (inside the encrypted resource)
     * @param variant how it was made
     * @param headers the {@code Wechatpay-*}, {@code Content-Type} and {@code Request-ID} headers
     * @param body the body, exact bytes
     */
    public record Delivery(String id, String eventType, String complaintId, String actionType, NotificationVariant variant,
            Map<String, String> headers, byte[] body) {
        public Delivery {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        /** @return a copy of the body */
        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String toString() {
            return "Delivery[" + id + ", " + eventType + ", " + actionType + ", " + variant + "]";
        }
    }

    /**
     * One delivery attempt.
     *
     * @param delivery what was sent
     * @param target where
     * @param status the receiver's HTTP status, or -1 when it could not be reached
     * @param answer the receiver's answer body as text (or the error)
     */
    public record DeliveryResult(Delivery delivery, URI target, int status, String answer) {
        /** @return whether the receiver took it (2xx) */
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final Set<String> OPERATE_ENUM_FIELDS = Set.of("complaint_state", "problem_type", "operate_type", "media_type");

    private final String mchid;
    private final String publicKeyId;
    private final String certificateSerial;
    private final WechatPayServerCrypto publicKeyCrypto;
    private final WechatPayServerCrypto certificateCrypto;
    private final SigningMode mode;
    private final Clock clock;
    private final int responseContentLimit;
    private final boolean rateLimits;
    private final Map<Limit, Integer> limits;

    private final Object lock = new Object();
    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final Map<String, Image> downloads = new LinkedHashMap<>();
    private final Map<String, String> rawByDecoded = new LinkedHashMap<>();
    private final Map<String, Image> uploads = new LinkedHashMap<>();
    private final Map<Limit, ArrayDeque<Instant>> windows = new EnumMap<>(Limit.class);
    private String notifyUrl;
    private final AtomicLong logSequence = new AtomicLong();
    private final AtomicLong mediaSequence = new AtomicLong();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger signFailures = new AtomicInteger();
    private final AtomicBoolean probeNext = new AtomicBoolean();
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final AtomicBoolean unknownEnumsNext = new AtomicBoolean();
    private final AtomicReference<String> serialNext = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Injected> errors = new ConcurrentLinkedQueue<>();
    private final List<DeliveryResult> deliveries = new CopyOnWriteArrayList<>();
    private volatile URI notificationTarget;

    private record Injected(int status, String code, String message) {}

    private record Image(String contentType, byte[] bytes) {}

    /** A history row. */
    private record Entry(String logId, String operator, OffsetDateTime time, String type, String details, List<String> images,
            List<String> complaintMedia) {}

    /** A complaint as the simulator holds it; guarded by {@link #lock}. */
    private static final class Case {
        final String id;
        final OffsetDateTime time;
        final String detail;
        final String mchid;
        final String phone;
        final String openid;
        final String problemType;
        final String problemDescription;
        final long amount;
        final String transactionId;
        final String outTradeNo;
        final boolean immediate;
        final List<String> tags;
        final List<String> media = new ArrayList<>();
        final List<Entry> history = new ArrayList<>();
        final Map<String, String> idempotent = new LinkedHashMap<>();
        String state;
        int userComplaintTimes = 1;
        boolean fullRefunded;
        boolean incomingUserResponse;
        String refund; // null, APPROVED, REJECTED, REFUNDED

        Case(ComplaintSeed s, String mchid) {
            id = s.id;
            time = s.time.withNano(0);
            detail = s.detail;
            this.mchid = s.complaintedMchid == null ? mchid : s.complaintedMchid;
            phone = s.payerPhone;
            openid = s.payerOpenid;
            problemType = s.problemType;
            problemDescription = s.problemDescription;
            amount = s.amountFen;
            transactionId = s.transactionId;
            outTradeNo = s.outTradeNo;
            immediate = s.needImmediateService;
            tags = List.copyOf(s.userTags);
            state = s.state;
            incomingUserResponse = s.userMessages > 0;
        }
    }

    /** What an endpoint answers, before signing. */
    private record Answer(int status, byte[] body, String contentType, boolean signed) {
        static Answer json(int status, JsonNode node) {
            try {
                return new Answer(status, JSON.writeValueAsBytes(node), "application/json; charset=utf-8", true);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer noContent() {
            return new Answer(204, new byte[0], "application/json; charset=utf-8", true);
        }
    }

    /** A refusal, thrown inside a handler and answered as WeChat's error body. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String field;
        final String location;

        Refusal(int status, String code, String message, String field, String location) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.field = field;
            this.location = location;
        }
    }

    private WechatPaySimulator(Builder b) {
        super("wechatpay-simulator", b.clock);
        this.mchid = b.mchid;
        this.publicKeyId = b.publicKeyId;
        this.certificateSerial = b.certificateSerial;
        this.publicKeyCrypto = new WechatPayServerCrypto(b.mchid, b.merchantSerial, b.merchantPublicKey, b.publicKeyPrivate, b.apiV3Key);
        this.certificateCrypto = b.certificatePrivate.equals(b.publicKeyPrivate) ? publicKeyCrypto
                : new WechatPayServerCrypto(b.mchid, b.merchantSerial, b.merchantPublicKey, b.certificatePrivate, b.apiV3Key);
        this.mode = b.mode;
        this.clock = b.clock;
        this.responseContentLimit = b.responseContentLimit;
        this.rateLimits = b.rateLimits;
        this.limits = new EnumMap<>(b.limits);
        this.notificationTarget = b.notificationTarget;
        for (Limit l : Limit.values()) {
            windows.put(l, new ArrayDeque<>());
        }
        for (ComplaintSeed s : b.seeds) {
            add(s);
        }
        dispatcher(this);
    }

    /** @return a builder for the test merchant of {@link WechatPayTestKeys}, public-key mode, no complaints */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts on an ephemeral loopback port. @return this */
    @Override
    public WechatPaySimulator start() {
        super.start();
        return this;
    }

    // ------------------------------------------------------------------ data

    private Case add(ComplaintSeed s) {
        synchronized (lock) {
            if (cases.containsKey(s.id)) {
                throw new IllegalArgumentException("complaint " + s.id + " is already held");
            }
            Case c = new Case(s, mchid);
            for (int i = 0; i < s.images; i++) {
                c.media.add(issueMedia(base64Id("complaint " + s.id + " image " + i), new Image("image/png", png("user-" + s.id + "-" + i))));
            }
            c.history.add(new Entry(nextLogId(), "投诉人", c.time, "USER_CREATE_COMPLAINT", c.detail, List.of(), List.copyOf(c.media)));
            for (int i = 0; i < s.userMessages; i++) {
                c.history.add(new Entry(nextLogId(), "投诉人", c.time.plusHours(i + 1L), "USER_RESPONSE", "用户补充说明 #" + (i + 1),
                        List.of(), List.of()));
            }
            OffsetDateTime later = c.time.plusHours(s.userMessages + 1L);
            if ("PROCESSING".equals(s.state) || "PROCESSED".equals(s.state)) {
                c.history.add(new Entry(nextLogId(), "商户", later, "MERCHANT_RESPONSE", "您好，已收到您的反馈，正在处理", List.of(), List.of()));
            }
            if ("PROCESSED".equals(s.state)) {
                c.history.add(new Entry(nextLogId(), "商户", later.plusMinutes(30), "MERCHANT_CONFIRM_COMPLETE", "处理完成",
                        List.of(), List.of()));
            }
            cases.put(c.id, c);
            return c;
        }
    }

    /** Registers a downloadable image under a media id (Base64-ish, percent-encoded as WeChat issues them). */
    private String issueMedia(String base64Id, Image image) {
        String raw = percentEncodeSegment(base64Id);
        downloads.put(raw, image);
        rawByDecoded.put(base64Id, raw);
        return MEDIA_HOST + IMAGES_PATH + raw;
    }

    /** A media id in WeChat's shape: Base64 ending in {@code ==} (so its URL carries {@code %3D%3D}). */
    private static String base64Id(String seed) {
        StringBuilder b = new StringBuilder(seed);
        while (b.toString().getBytes(StandardCharsets.UTF_8).length % 3 != 1) {
            b.append('.');
        }
        return Base64.getEncoder().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] png(String marker) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[PNG.length + m.length];
        System.arraycopy(PNG, 0, out, 0, PNG.length);
        System.arraycopy(m, 0, out, PNG.length, m.length);
        return out;
    }

    private String nextLogId() {
        return String.format(Locale.ROOT, "3002%023d", logSequence.incrementAndGet());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), SHANGHAI).withNano(0);
    }

    /** @return the merchant id the simulator serves */
    public String mchid() {
        return mchid;
    }

    /** @return the ids of every complaint held, newest first */
    public List<String> complaintIds() {
        synchronized (lock) {
            return cases.values().stream().sorted(Comparator.comparing((Case c) -> c.time).reversed()).map(c -> c.id).toList();
        }
    }

    /** @param complaintId a complaint @return its {@code complaint_state}, if held */
    public Optional<String> state(String complaintId) {
        synchronized (lock) {
            return Optional.ofNullable(cases.get(complaintId)).map(c -> c.state);
        }
    }

    /** @param complaintId a complaint @return the {@code operate_type} of each history row, oldest first (empty if not held) */
    public List<String> historyTypes(String complaintId) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            return c == null ? List.of() : c.history.stream().map(Entry::type).toList();
        }
    }

    /** @param complaintId a complaint @return the {@code operate_details} of each history row, oldest first */
    public List<String> historyDetails(String complaintId) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            return c == null ? List.of() : c.history.stream().map(Entry::details).toList();
        }
    }

    /** @param complaintId a complaint @return how many history rows it has */
    public int historySize(String complaintId) {
        return historyTypes(complaintId).size();
    }

    /** @param complaintId a complaint @return the media URLs of its user images, as served */
    public List<String> mediaUrls(String complaintId) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            return c == null ? List.of() : List.copyOf(c.media);
        }
    }

    /** @param mediaUrl a media URL the simulator issued @return the image bytes it serves for it */
    public Optional<byte[]> image(String mediaUrl) {
        String raw = mediaUrl.substring(mediaUrl.indexOf(IMAGES_PATH) + IMAGES_PATH.length());
        synchronized (lock) {
            return Optional.ofNullable(downloads.get(raw)).map(i -> i.bytes().clone());
        }
    }

    /** @param mediaId a media id the upload answered @return the uploaded bytes */
    public Optional<byte[]> uploaded(String mediaId) {
        synchronized (lock) {
            return Optional.ofNullable(uploads.get(mediaId)).map(i -> i.bytes().clone());
        }
    }

    /** @return the registered notification URL, if any */
    public Optional<String> notificationUrl() {
        synchronized (lock) {
            return Optional.ofNullable(notifyUrl);
        }
    }

    /** @return how many calls were answered 429 because of the per-minute limits */
    public int rateLimitedCount() {
        return rateLimited.get();
    }

    /** @return how many requests were answered 401 {@code SIGN_ERROR} */
    public int signatureFailures() {
        return signFailures.get();
    }

    /** @param method a method @param pathPrefix a path prefix @return the requests received with that method and path prefix, in order */
    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** @param target where scenario hooks deliver their notifications (null: only build them) */
    public void notificationTarget(URI target) {
        this.notificationTarget = target;
    }

    /** @return every delivery attempt made, in order */
    public List<DeliveryResult> deliveries() {
        return List.copyOf(deliveries);
    }

    // ------------------------------------------------------------------ probes

    /** The next signed answer carries a signature probe: {@code WECHATPAY/SIGNTEST/…}. */
    public void nextProbeSignature() {
        probeNext.set(true);
    }

    /** The next signed answer is signed, then one byte of its body (or, for a 204, the signature) is changed. */
    public void nextTamperedAnswer() {
        tamperNext.set(true);
    }

    /** The next signed answer carries enum values WeChat may add some day (state, problem type, operate type, media type, tags). */
    public void nextUnknownEnumValues() {
        unknownEnumsNext.set(true);
    }

    /** The next request meets {@link Fault#UNKNOWN_FIELDS}: new fields at every level of its answer, signed. */
    public void nextUnknownFields() {
        inject(Fault.UNKNOWN_FIELDS);
    }

    /** The next request meets {@link Fault#THROTTLED}: a signed 429 {@code FREQUENCY_LIMITED}, not handled. */
    public void nextThrottled() {
        inject(Fault.THROTTLED);
    }

    /** The next request meets {@link Fault#BAD_SIGNATURE}: its answer's body is changed after signing. */
    public void nextBadSignature() {
        inject(Fault.BAD_SIGNATURE);
    }

    /** The next request meets {@link Fault#MISSING_SIGNATURE}: its answer has no {@code Wechatpay-Signature}. */
    public void nextMissingSignature() {
        inject(Fault.MISSING_SIGNATURE);
    }

    /** The next request meets {@link Fault#OVERSIZED_PAGE}: a list or history page with more rows than its limit. */
    public void nextOversizedPage() {
        inject(Fault.OVERSIZED_PAGE);
    }

    /** The next request is handled (a write takes effect), then the connection is closed before the answer: {@link Fault#RESET_AFTER_HANDLING}. */
    public void nextAnswerLost() {
        inject(Fault.RESET_AFTER_HANDLING);
    }

    /** @param serial the {@code Wechatpay-Serial} the next signed answer names (signed with the platform key), e.g. one a client does not know */
    public void nextAnswerSerial(String serial) {
        serialNext.set(Objects.requireNonNull(serial));
    }

    /**
     * The next request that passes the signature check is answered with this signed error, not handled.
     *
     * @param status e.g. 400, 403, 500
     * @param code e.g. {@code PARAM_ERROR}, {@code SYSTEM_ERROR}
     * @param message e.g. {@code 当前查询结果数据量过大}
     */
    public void nextError(int status, String code, String message) {
        errors.add(new Injected(status, code, message));
    }

    @Override
    protected Set<Fault> providerFaults() {
        return EnumSet.of(Fault.THROTTLED, Fault.BAD_SIGNATURE, Fault.MISSING_SIGNATURE, Fault.UNKNOWN_FIELDS, Fault.OVERSIZED_PAGE);
    }

    // ------------------------------------------------------------------ dispatch

    /**
     * WeChat Pay's server side: the signature check, then the endpoint, then the fault the request
     * carries and the one-shot probes, then the answer's signature.
     *
     * @param request the request
     * @return the answer
     */
    @Override
    public ScriptedResponse dispatch(RecordedRequest request) {
        Fault fault = request.fault().orElse(null);
        byte[] signedBody = request.body();
        Multipart multipart = null;
        String contentType = request.header("Content-Type").orElse("");
        if ("POST".equals(request.method()) && UPLOAD_PATH.equals(request.path())) {
            try {
                multipart = Multipart.parse(contentType, request.body());
                signedBody = multipart.meta();
            } catch (IllegalArgumentException e) {
                return render(request, fault, error(400, "PARAM_ERROR", "multipart 格式错误: " + e.getMessage(), "body", "body"));
            }
        }
        String canonical = rawPath(request.path()) + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        Optional<String> problem = publicKeyCrypto.checkAuthorization(request.header("Authorization").orElse(null),
                request.method(), canonical, signedBody, clock.instant().getEpochSecond());
        if (problem.isPresent()) {
            signFailures.incrementAndGet();
            ObjectNode body = JSON.createObjectNode();
            body.put("code", "SIGN_ERROR");
            body.put("message", problem.get());
            ObjectNode detail = body.putObject("detail");
            detail.put("field", "signature");
            detail.put("location", "authorization");
            ObjectNode sign = detail.putObject("sign_information");
            sign.put("method", request.method());
            sign.put("url", canonical);
            return render(request, fault, new Answer(401, Answer.json(401, body).body(), "application/json; charset=utf-8", false));
        }
        if (fault == Fault.THROTTLED) {
            return render(request, fault, error(429, "FREQUENCY_LIMITED", "请求频率超限", null, null));
        }
        Injected injected = errors.poll();
        if (injected != null) {
            return render(request, fault, error(injected.status(), injected.code(), injected.message(), null, null));
        }
        Answer answer;
        try {
            answer = route(request, multipart, fault == Fault.OVERSIZED_PAGE);
        } catch (Refusal r) {
            answer = error(r.status, r.code, r.getMessage(), r.field, r.location);
        }
        return render(request, fault, answer);
    }

    private Answer route(RecordedRequest r, Multipart multipart, boolean oversized) {
        String path = r.path();
        String m = r.method();
        if (path.equals(COMPLAINTS_PATH)) {
            requireMethod(m, "GET");
            return list(r, oversized);
        }
        if (path.equals(NOTIFY_URL_PATH)) {
            return notifyUrl(r);
        }
        if (path.equals(UPLOAD_PATH)) {
            requireMethod(m, "POST");
            return upload(multipart);
        }
        if (path.startsWith(IMAGES_PATH)) {
            requireMethod(m, "GET");
            return download(path.substring(IMAGES_PATH.length()));
        }
        if (path.startsWith(COMPLAINTS_PATH + "/")) {
            String rest = path.substring(COMPLAINTS_PATH.length() + 1);
            int slash = rest.indexOf('/');
            String id = slash < 0 ? rest : rest.substring(0, slash);
            String action = slash < 0 ? "" : rest.substring(slash + 1);
            switch (action) {
                case "" -> {
                    requireMethod(m, "GET");
                    return detail(id);
                }
                case "negotiation-historys" -> {
                    requireMethod(m, "GET");
                    return history(id, r, oversized);
                }
                case "response" -> {
                    requireMethod(m, "POST");
                    return reply(id, body(r));
                }
                case "response-immediate-service" -> {
                    requireMethod(m, "POST");
                    return immediateReply(id, body(r));
                }
                case "complete" -> {
                    requireMethod(m, "POST");
                    return complete(id, body(r));
                }
                case "update-refund-progress" -> {
                    requireMethod(m, "POST");
                    return refund(id, body(r));
                }
                default -> {
                    // falls through to 404
                }
            }
        }
        throw new Refusal(404, "NOT_FOUND", "请求的资源不存在", null, "path");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new Refusal(405, "METHOD_NOT_ALLOWED", "请求方法 " + method + " 不被允许，应为 " + expected, null, null);
        }
    }

    private void limit(Limit l) {
        if (!rateLimits) {
            return;
        }
        int max = limits.getOrDefault(l, l.perMinute());
        Instant now = clock.instant();
        synchronized (windows) {
            ArrayDeque<Instant> w = windows.get(l);
            while (!w.isEmpty() && !w.peekFirst().plus(Duration.ofMinutes(1)).isAfter(now)) {
                w.pollFirst();
            }
            if (w.size() >= max) {
                rateLimited.incrementAndGet();
                throw new Refusal(429, "FREQUENCY_LIMITED", "请求频率超限，请降低频率后重试", null, null);
            }
            w.addLast(now);
        }
    }

    private static JsonNode body(RecordedRequest r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new Refusal(400, "PARAM_ERROR", "请求体不是合法的 JSON 对象", null, "body");
    }

    // ------------------------------------------------------------------ list, detail, history

    private Answer list(RecordedRequest r, boolean oversized) {
        limit(Limit.LIST);
        Map<String, String> q = r.queryParameters();
        int limit = intParam(q, "limit", 10, 1, MAX_LIST_LIMIT);
        int offset = intParam(q, "offset", 0, 0, Integer.MAX_VALUE);
        LocalDate begin = date(q, "begin_date");
        LocalDate end = date(q, "end_date");
        if (end.isBefore(begin)) {
            throw new Refusal(400, "PARAM_ERROR", "end_date 不能早于 begin_date", "end_date", "query");
        }
        if (ChronoUnit.DAYS.between(begin, end) >= MAX_RANGE_DAYS) {
            throw new Refusal(400, "PARAM_ERROR", "查询时间跨度不能超过" + MAX_RANGE_DAYS + "天", "begin_date", "query");
        }
        String sub = null;
        if (r.rawQuery().contains("complainted_mchid=") || q.containsKey("complainted_mchid")) {
            sub = q.getOrDefault("complainted_mchid", "");
            if (sub.isBlank() || sub.equalsIgnoreCase("null") || !sub.chars().allMatch(Character::isDigit)) {
                throw new Refusal(400, "PARAM_ERROR", "complainted_mchid 格式错误", "complainted_mchid", "query");
            }
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        int total;
        synchronized (lock) {
            String filter = sub;
            List<Case> matching = cases.values().stream()
                    .filter(c -> {
                        LocalDate d = c.time.atZoneSameInstant(SHANGHAI).toLocalDate();
                        return !d.isBefore(begin) && !d.isAfter(end) && (filter == null || filter.equals(c.mchid));
                    })
                    .sorted(Comparator.comparing((Case c) -> c.time).reversed().thenComparing(c -> c.id))
                    .toList();
            total = matching.size();
            int size = oversized ? limit + 1 : limit;
            for (int i = offset; i < matching.size() && i < (long) offset + size; i++) {
                data.add(complaintJson(matching.get(i), false));
            }
            if (oversized) {
                while (data.size() <= limit && !matching.isEmpty()) {
                    data.add(complaintJson(matching.get(0), false));
                }
            }
        }
        root.put("limit", limit);
        root.put("offset", offset);
        if (offset == 0) {
            root.put("total_count", total);
        }
        return Answer.json(200, root);
    }

    private Answer detail(String id) {
        synchronized (lock) {
            return Answer.json(200, complaintJson(find(id), true));
        }
    }

    private Case find(String id) {
        Case c = cases.get(id);
        if (c == null) {
            throw new Refusal(404, "RESOURCE_NOT_EXISTS", "投诉单不存在", "complaint_id", "path");
        }
        return c;
    }

    private ObjectNode complaintJson(Case c, boolean detail) {
        ObjectNode o = JSON.createObjectNode();
        o.put("complaint_id", c.id);
        o.put("complaint_time", RFC_3339.format(c.time));
        o.put("complaint_detail", c.detail);
        o.put("complaint_state", c.state);
        if (detail) {
            o.put("payer_openid", c.openid);
        }
        if (c.phone != null) {
            o.put("payer_phone", publicKeyCrypto.encryptForMerchant(c.phone));
        }
        o.put("complainted_mchid", c.mchid);
        ObjectNode order = o.putArray("complaint_order_info").addObject();
        order.put("transaction_id", c.transactionId);
        order.put("out_trade_no", c.outTradeNo);
        order.put("amount", c.amount);
        ArrayNode media = o.putArray("complaint_media_list");
        if (!c.media.isEmpty()) {
            ObjectNode m = media.addObject();
            m.put("media_type", "USER_COMPLAINT_IMAGE");
            ArrayNode urls = m.putArray("media_url");
            c.media.forEach(urls::add);
        }
        o.put("complaint_full_refunded", c.fullRefunded);
        o.put("incoming_user_response", c.incomingUserResponse);
        o.put("problem_description", c.problemDescription);
        o.put("user_complaint_times", c.userComplaintTimes);
        o.put("problem_type", c.problemType);
        if ("REFUND".equals(c.problemType)) {
            o.put("apply_refund_amount", c.amount);
        }
        ArrayNode tags = o.putArray("user_tag_list");
        c.tags.forEach(tags::add);
        o.put("in_platform_service", false);
        o.put("need_immediate_service", c.immediate);
        return o;
    }

    private Answer history(String id, RecordedRequest r, boolean oversized) {
        limit(Limit.HISTORY);
        Map<String, String> q = r.queryParameters();
        int limit = intParam(q, "limit", 100, 1, MAX_HISTORY_LIMIT);
        int offset = intParam(q, "offset", 0, 0, Integer.MAX_VALUE);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        synchronized (lock) {
            Case c = find(id);
            int size = oversized ? limit + 1 : limit;
            for (int i = offset; i < c.history.size() && i < (long) offset + size; i++) {
                data.add(entryJson(c.history.get(i)));
            }
            while (oversized && data.size() <= limit) {
                data.add(entryJson(c.history.get(0)));
            }
            root.put("limit", limit);
            root.put("offset", offset);
            if (offset == 0) {
                root.put("total_count", c.history.size());
            }
        }
        return Answer.json(200, root);
    }

    private static ObjectNode entryJson(Entry e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("log_id", e.logId());
        o.put("operator", e.operator());
        o.put("operate_time", RFC_3339.format(e.time()));
        o.put("operate_type", e.type());
        o.put("operate_details", e.details());
        ArrayNode images = o.putArray("image_list");
        e.images().forEach(images::add);
        if (!e.complaintMedia().isEmpty()) {
            ObjectNode media = o.putObject("complaint_media_list");
            media.put("media_type", "USER_COMPLAINT_IMAGE");
            ArrayNode urls = media.putArray("media_url");
            e.complaintMedia().forEach(urls::add);
        }
        return o;
    }

    private static int intParam(Map<String, String> q, String name, int fallback, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new Refusal(400, "PARAM_ERROR", name + " 取值范围为 [" + min + ", " + max + "]", name, "query");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refusal(400, "PARAM_ERROR", name + " 不是整数", name, "query");
        }
    }

    private static LocalDate date(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            throw new Refusal(400, "PARAM_ERROR", "缺少参数 " + name, name, "query");
        }
        try {
            if (v.length() != 10) {
                throw new DateTimeParseException("not yyyy-MM-dd", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "PARAM_ERROR", name + " 格式应为 yyyy-MM-dd", name, "query");
        }
    }

    // ------------------------------------------------------------------ writes

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }

    private static void requireMchid(Case c, JsonNode body) {
        String m = text(body, "complainted_mchid");
        if (m == null || m.isEmpty()) {
            throw new Refusal(400, "PARAM_ERROR", "缺少参数 complainted_mchid", "complainted_mchid", "body");
        }
        if (!m.equals(c.mchid)) {
            throw new Refusal(400, "PARAM_ERROR", "complainted_mchid 与投诉单不匹配", "complainted_mchid", "body");
        }
    }

    private static void utf8ThreeBytes(String field, String value) {
        if (value.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            throw new Refusal(400, "PARAM_ERROR", field + " 含有不支持的字符（仅支持 UTF-8 中 1 到 3 字节的字符）", field, "body");
        }
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private Answer reply(String id, JsonNode body) {
        limit(Limit.REPLY);
        synchronized (lock) {
            Case c = find(id);
            requireMchid(c, body);
            if (body.has("complaint_id")) {
                throw new Refusal(400, "PARAM_ERROR", "请求体不应包含 complaint_id", "complaint_id", "body");
            }
            String content = text(body, "response_content");
            if (content == null || content.isEmpty()) {
                throw new Refusal(400, "PARAM_ERROR", "缺少参数 response_content", "response_content", "body");
            }
            if (length(content) > responseContentLimit) {
                throw new Refusal(400, "PARAM_ERROR", "response_content 长度不能超过" + responseContentLimit, "response_content", "body");
            }
            utf8ThreeBytes("response_content", content);
            List<String> images = mediaIds(body, "response_images");
            String jumpUrl = text(body, "jump_url");
            String jumpText = text(body, "jump_url_text");
            if ((jumpUrl == null) != (jumpText == null)) {
                throw new Refusal(400, "PARAM_ERROR", "jump_url 与 jump_url_text 需同时填写", jumpUrl == null ? "jump_url" : "jump_url_text",
                        "body");
            }
            if (jumpUrl != null && (!jumpUrl.startsWith("https://") || jumpUrl.length() > 512)) {
                throw new Refusal(400, "PARAM_ERROR", "jump_url 须为 https 链接，且不超过 512 字符", "jump_url", "body");
            }
            if (jumpText != null) {
                utf8ThreeBytes("jump_url_text", jumpText);
                if (jumpText.isEmpty() || length(jumpText) > 10) {
                    throw new Refusal(400, "PARAM_ERROR", "jump_url_text 长度为 1 到 10", "jump_url_text", "body");
                }
            }
            JsonNode mini = body.get("mini_program_jump_info");
            if (mini != null && !mini.isNull()) {
                for (String f : List.of("appid", "path", "text")) {
                    if (!mini.path(f).isTextual() || mini.path(f).asText().isEmpty()) {
                        throw new Refusal(400, "PARAM_ERROR", "mini_program_jump_info." + f + " 必填", "mini_program_jump_info." + f,
                                "body");
                    }
                }
            }
            if ("PROCESSED".equals(c.state)) {
                throw new Refusal(400, "INVALID_REQUEST", "投诉单已处理完成，不能回复", null, null);
            }
            if (c.immediate) {
                throw new Refusal(400, "INVALID_REQUEST", "该投诉单需使用即时服务回复接口（response-immediate-service）", null, null);
            }
            c.history.add(new Entry(nextLogId(), "商户", now(), "MERCHANT_RESPONSE", content, usedImages(images), List.of()));
            replied(c);
            return Answer.noContent();
        }
    }

    private void replied(Case c) {
        c.incomingUserResponse = false;
        if ("PENDING".equals(c.state)) {
            c.state = "PROCESSING";
        }
    }

    /** Uploaded media ids, checked; each becomes a downloadable URL of the history row. */
    private List<String> mediaIds(JsonNode body, String field) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 4) {
            throw new Refusal(400, "PARAM_ERROR", field + " 最多 4 张图片", field, "body");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : list) {
            if (!uploads.containsKey(n.asText())) {
                throw new Refusal(400, "PARAM_ERROR", field + " 中的 media_id 无效: " + n.asText(), field, "body");
            }
            ids.add(n.asText());
        }
        return ids;
    }

    private List<String> usedImages(List<String> mediaIds) {
        List<String> urls = new ArrayList<>();
        for (String id : mediaIds) {
            urls.add(issueMedia(base64Id("merchant image " + mediaSequence.incrementAndGet() + " " + id), uploads.get(id)));
        }
        return urls;
    }

    private Answer immediateReply(String id, JsonNode body) {
        limit(Limit.REPLY);
        synchronized (lock) {
            Case c = find(id);
            requireMchid(c, body);
            String key = text(body, "idempotent_id");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw new Refusal(400, "PARAM_ERROR", "idempotent_id 必填，长度不超过 128", "idempotent_id", "body");
            }
            JsonNode message = body.path("message");
            JsonNode blocks = message.path("blocks");
            if (!blocks.isArray() || blocks.isEmpty()) {
                throw new Refusal(400, "PARAM_ERROR", "message.blocks 不能为空", "message.blocks", "body");
            }
            String sender = message.path("sender_identity").asText("");
            if (!sender.isEmpty() && !Set.of("UNKNOWN", "MANUAL", "MACHINE").contains(sender)) {
                throw new Refusal(400, "PARAM_ERROR", "message.sender_identity 取值无效", "message.sender_identity", "body");
            }
            if (message.path("custom_data").asText("").length() > 4096) {
                throw new Refusal(400, "PARAM_ERROR", "message.custom_data 过长", "message.custom_data", "body");
            }
            String seen = c.idempotent.get(key);
            ObjectNode answer = JSON.createObjectNode();
            if (seen != null) {
                answer.put("log_id", seen);
                return Answer.json(200, answer);
            }
            if (!c.immediate) {
                throw new Refusal(400, "INVALID_REQUEST", "该投诉单不是即时服务投诉单", null, null);
            }
            if ("PROCESSED".equals(c.state)) {
                throw new Refusal(400, "INVALID_REQUEST", "投诉单已处理完成，不能回复", null, null);
            }
            StringBuilder text = new StringBuilder();
            List<String> images = new ArrayList<>();
            for (JsonNode block : blocks) {
                String type = block.path("type").asText("");
                if ("TEXT".equals(type)) {
                    String t = block.path("text").path("text").asText(block.path("text").path("content").asText(""));
                    utf8ThreeBytes("message.blocks.text", t);
                    text.append(t);
                } else if ("IMAGE".equals(type)) {
                    images.add(block.path("image").path("media_id").asText(""));
                } else if (!Set.of("LINK", "FAQ_LIST", "BUTTON", "BUTTON_GROUP").contains(type)) {
                    throw new Refusal(400, "PARAM_ERROR", "message.blocks.type 取值无效: " + type, "message.blocks.type", "body");
                }
            }
            ObjectNode wrapped = JSON.createObjectNode();
            ArrayNode ids = wrapped.putArray("images");
            images.forEach(ids::add);
            List<String> checked = mediaIds(wrapped, "images");
            Entry e = new Entry(nextLogId(), "商户", now(), "MERCHANT_RESPONSE", text.toString(), usedImages(checked), List.of());
            c.history.add(e);
            c.idempotent.put(key, e.logId());
            replied(c);
            answer.put("log_id", e.logId());
            return Answer.json(200, answer);
        }
    }

    private Answer complete(String id, JsonNode body) {
        limit(Limit.COMPLETE);
        synchronized (lock) {
            Case c = find(id);
            requireMchid(c, body);
            if ("PROCESSED".equals(c.state)) {
                throw new Refusal(400, "INVALID_REQUEST", "投诉单已处理完成", null, null);
            }
            c.state = "PROCESSED";
            c.history.add(new Entry(nextLogId(), "商户", now(), "MERCHANT_CONFIRM_COMPLETE", "商户已反馈处理完成", List.of(), List.of()));
            return Answer.noContent();
        }
    }

    private Answer refund(String id, JsonNode body) {
        synchronized (lock) {
            Case c = find(id);
            String action = text(body, "action");
            if (!"APPROVE".equals(action) && !"REJECT".equals(action)) {
                throw new Refusal(400, "PARAM_ERROR", "action 取值应为 APPROVE 或 REJECT", "action", "body");
            }
            boolean approve = "APPROVE".equals(action);
            if (body.has("complainted_mchid")) {
                throw new Refusal(400, "PARAM_ERROR", "该接口不接受 complainted_mchid", "complainted_mchid", "body");
            }
            if (approve && (body.has("reject_reason") || body.has("reject_media_list"))) {
                throw new Refusal(400, "PARAM_ERROR", "同意退款时不能填写 reject_reason / reject_media_list",
                        body.has("reject_reason") ? "reject_reason" : "reject_media_list", "body");
            }
            if (!approve && body.has("launch_refund_day")) {
                throw new Refusal(400, "PARAM_ERROR", "拒绝退款时不能填写 launch_refund_day", "launch_refund_day", "body");
            }
            if (approve && body.has("launch_refund_day")
                    && (!body.get("launch_refund_day").canConvertToInt() || body.get("launch_refund_day").asInt() < 0)) {
                throw new Refusal(400, "PARAM_ERROR", "launch_refund_day 须为非负整数", "launch_refund_day", "body");
            }
            String reason = text(body, "reject_reason");
            if (reason != null && length(reason) > 200) {
                throw new Refusal(400, "PARAM_ERROR", "reject_reason 长度不能超过 200", "reject_reason", "body");
            }
            String remark = text(body, "remark");
            if (remark != null && length(remark) > 200) {
                throw new Refusal(400, "PARAM_ERROR", "remark 长度不能超过 200", "remark", "body");
            }
            List<String> images = mediaIds(body, "reject_media_list");
            if (!"REFUND".equals(c.problemType)) {
                throw new Refusal(400, "INVALID_REQUEST", "该投诉单不是申请退款单", null, null);
            }
            if (c.refund != null || "PROCESSED".equals(c.state)) {
                throw new Refusal(400, "INVALID_REQUEST", "该投诉单的退款审批已处理", null, null);
            }
            if (approve) {
                c.refund = "APPROVED";
                if ("PENDING".equals(c.state)) {
                    c.state = "PROCESSING";
                }
                c.history.add(new Entry(nextLogId(), "商户", now(), "MERCHANT_APPROVE_REFUND",
                        remark == null ? "商户同意退款" : remark, List.of(), List.of()));
            } else {
                c.refund = "REJECTED";
                c.state = "PROCESSED";
                c.history.add(new Entry(nextLogId(), "商户", now(), "MERCHANT_REFUSE_RERUND",
                        reason == null ? "商户拒绝退款" : reason, usedImages(images), List.of()));
            }
            return Answer.noContent();
        }
    }

    // ------------------------------------------------------------------ images

    private Answer upload(Multipart multipart) {
        limit(Limit.UPLOAD);
        JsonNode meta;
        try {
            meta = JSON.readTree(multipart.meta());
        } catch (IOException e) {
            meta = null;
        }
        if (meta == null || !meta.isObject()) {
            throw new Refusal(400, "PARAM_ERROR", "meta 不是合法的 JSON", "meta", "body");
        }
        String name = meta.path("filename").asText("");
        String digest = meta.path("sha256").asText("");
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > 128
                || !(lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png") || lower.endsWith(".bmp"))) {
            throw new Refusal(400, "PARAM_ERROR", "meta.filename 须以 jpg、bmp 或 png 结尾，且不超过 128 字符", "meta.filename", "body");
        }
        byte[] file = multipart.file();
        if (file.length == 0 || file.length > MAX_IMAGE_BYTES) {
            throw new Refusal(400, "PARAM_ERROR", "图片大小须在 0 到 2M 之间", "file", "body");
        }
        if (!digest.equalsIgnoreCase(sha256(file))) {
            throw new Refusal(400, "PARAM_ERROR", "meta.sha256 与文件内容不符", "meta.sha256", "body");
        }
        String mediaId;
        synchronized (lock) {
            mediaId = String.format(Locale.ROOT, "MEDIA%016X", mediaSequence.incrementAndGet())
                    + HexFormat.of().formatHex(sha256Raw(file), 0, 8).toUpperCase(Locale.ROOT)
                    + lower.substring(lower.lastIndexOf('.'));
            String type = lower.endsWith(".png") ? "image/png" : lower.endsWith(".bmp") ? "image/bmp" : "image/jpeg";
            uploads.put(mediaId, new Image(type, file));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("media_id", mediaId);
        return Answer.json(200, answer);
    }

    private Answer download(String decodedId) {
        synchronized (lock) {
            Image image = downloads.get(percentEncodeSegment(decodedId));
            if (image == null) {
                if (uploads.containsKey(decodedId)) {
                    throw new Refusal(400, "INVALID_REQUEST", "商户上传的图片不能通过此接口下载", "media_id", "path");
                }
                throw new Refusal(404, "RESOURCE_NOT_EXISTS", "图片不存在或已过期", "media_id", "path");
            }
            return new Answer(200, image.bytes(), image.contentType(), false);
        }
    }

    /** The raw path the client signed: the issued media id's encoding for a media path, the path itself otherwise. */
    private String rawPath(String decodedPath) {
        if (decodedPath.startsWith(IMAGES_PATH) && !decodedPath.equals(UPLOAD_PATH)) {
            String id = decodedPath.substring(IMAGES_PATH.length());
            synchronized (lock) {
                String issued = rawByDecoded.get(id);
                return IMAGES_PATH + (issued != null ? issued : percentEncodeSegment(id));
            }
        }
        StringBuilder out = new StringBuilder();
        for (byte b : decodedPath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%' && c != '?' && c != '#') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Percent-encodes everything but the unreserved characters, upper-case hex (how WeChat issues media ids). */
    static String percentEncodeSegment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static byte[] sha256Raw(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(sha256Raw(b));
    }

    // ------------------------------------------------------------------ notification URL

    private Answer notifyUrl(RecordedRequest r) {
        synchronized (lock) {
            switch (r.method()) {
                case "GET" -> {
                    if (notifyUrl == null) {
                        throw new Refusal(400, "RESOURCE_NOT_EXISTS", "查询的通知回调不存在", null, null);
                    }
                    return urlAnswer();
                }
                case "POST", "PUT" -> {
                    String url = text(body(r), "url");
                    if (url == null || !url.startsWith("https://") || url.length() > 255 || url.contains("?")) {
                        throw new Refusal(400, "PARAM_ERROR", "url 须为不带参数的 https 地址，且不超过 255 字符", "url", "body");
                    }
                    if ("POST".equals(r.method()) && notifyUrl != null) {
                        throw new Refusal(400, "PARAM_ERROR", "通知回调已存在，请使用更新接口", "url", "body");
                    }
                    if ("PUT".equals(r.method()) && notifyUrl == null) {
                        throw new Refusal(400, "RESOURCE_NOT_EXISTS", "通知回调不存在，请先创建", null, null);
                    }
                    notifyUrl = url;
                    return urlAnswer();
                }
                case "DELETE" -> {
                    if (notifyUrl == null) {
                        throw new Refusal(400, "RESOURCE_NOT_EXISTS", "通知回调不存在", null, null);
                    }
                    notifyUrl = null;
                    return Answer.noContent();
                }
                default -> throw new Refusal(405, "METHOD_NOT_ALLOWED", "请求方法 " + r.method() + " 不被允许", null, null);
            }
        }
    }

    private Answer urlAnswer() {
        ObjectNode o = JSON.createObjectNode();
        o.put("mchid", mchid);
        o.put("url", notifyUrl);
        return Answer.json(200, o);
    }

    // ------------------------------------------------------------------ answers

    private static Answer error(int status, String code, String message, String field, String location) {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", code);
        o.put("message", message);
        if (field != null || location != null) {
            ObjectNode d = o.putObject("detail");
            if (field != null) {
                d.put("field", field);
            }
            if (location != null) {
                d.put("location", location);
            }
        }
        return Answer.json(status, o);
    }

    private String serialFor(RecordedRequest r) {
        return switch (mode) {
            case PUBLIC_KEY -> publicKeyId;
            case CERTIFICATE -> certificateSerial;
            case MIGRATION -> r.header("Wechatpay-Serial").filter(publicKeyId::equals).isPresent() ? publicKeyId : certificateSerial;
        };
    }

    private WechatPayServerCrypto cryptoFor(String serial) {
        return serial.equals(certificateSerial) ? certificateCrypto : publicKeyCrypto;
    }

    private ScriptedResponse render(RecordedRequest request, Fault fault, Answer answer) {
        byte[] body = answer.body();
        String requestId = String.format(Locale.ROOT, "08%010X%08X", request.sequence(), RANDOM.nextInt());
        if (!answer.signed()) {
            return ScriptedResponse.of(answer.status(), answer.contentType(), body).withHeader("Request-ID", requestId);
        }
        if (fault == Fault.UNKNOWN_FIELDS) {
            body = withUnknownFields(body);
        }
        if (unknownEnumsNext.getAndSet(false)) {
            body = withUnknownEnums(body);
        }
        String override = serialNext.getAndSet(null);
        String serial = override != null ? override : serialFor(request);
        long ts = clock.instant().getEpochSecond();
        String nonce = nonce();
        Map<String, String> headers = new LinkedHashMap<>(cryptoFor(serial).signedHeaders(serial, ts, nonce, body));
        if (tamperNext.getAndSet(false) || fault == Fault.BAD_SIGNATURE) {
            if (body.length > 0) {
                body = tamper(body);
            } else {
                headers.put("Wechatpay-Signature", cryptoFor(serial).signAnswer(Long.toString(ts), nonce, "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (probeNext.getAndSet(false)) {
            byte[] random = new byte[48];
            RANDOM.nextBytes(random);
            headers.put("Wechatpay-Signature", PROBE_PREFIX + Base64.getEncoder().encodeToString(random));
        }
        if (fault == Fault.MISSING_SIGNATURE) {
            headers.remove("Wechatpay-Signature");
        }
        ScriptedResponse out = ScriptedResponse.of(answer.status(), answer.contentType(), body).withHeader("Request-ID", requestId);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return out;
    }

    /** Changes one character of a JSON body so it still parses: the first letter or digit after the first colon. */
    private static byte[] tamper(byte[] body) {
        byte[] out = body.clone();
        int colon = 0;
        while (colon < out.length && out[colon] != ':') {
            colon++;
        }
        for (int i = colon; i < out.length; i++) {
            byte b = out[i];
            if (b >= '0' && b <= '8' || b >= 'a' && b <= 'y' || b >= 'A' && b <= 'Y') {
                out[i] = (byte) (b + 1);
                return out;
            }
        }
        out[out.length - 1] = (byte) (out[out.length - 1] == ' ' ? '\n' : ' ');
        return out;
    }

    private static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b).toUpperCase(Locale.ROOT);
    }

    private static byte[] withUnknownFields(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root instanceof ObjectNode o) {
                addUnknown(o);
                JsonNode data = o.get("data");
                if (data != null) {
                    data.forEach(row -> {
                        if (row instanceof ObjectNode r) {
                            addUnknown(r);
                            r.putArray("sim_new_list").addObject().put("sim_new_nested", 1);
                        }
                    });
                }
                return JSON.writeValueAsBytes(o);
            }
            return body;
        } catch (IOException e) {
            return body;
        }
    }

    private static void addUnknown(ObjectNode o) {
        o.put("sim_new_field", "新字段");
        o.putObject("sim_new_object").put("x", 1).putArray("y").add(true);
    }

    private static byte[] withUnknownEnums(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            replaceEnums(root);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            return body;
        }
    }

    private static void replaceEnums(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (OPERATE_ENUM_FIELDS.contains(name) && v.isTextual()) {
                    o.set(name, TextNode.valueOf("SIM_NEW_" + name.toUpperCase(Locale.ROOT)));
                } else if ("user_tag_list".equals(name) && v instanceof ArrayNode a) {
                    a.add("SIM_NEW_TAG");
                } else {
                    replaceEnums(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(WechatPaySimulator::replaceEnums);
        }
    }

    /**
     * For replaying a recorded session: re-signs every answer that carries {@code Wechatpay-Signature}
     * with this simulator's platform key, now, keeping its {@code Wechatpay-Serial} (recorded timestamps
     * are too old for a verifying client).
     *
     * @return the rewriting function, for {@code ReplayTransport.Builder#rewritingResponses}
     */
    public UnaryOperator<HttpTransport.Response> resigner() {
        return response -> {
            Optional<String> serial = response.header("Wechatpay-Serial");
            if (response.header("Wechatpay-Signature").isEmpty() || serial.isEmpty()) {
                return response;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
            headers.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith("wechatpay-"));
            cryptoFor(serial.get()).signedHeaders(serial.get(), clock.instant().getEpochSecond(), nonce(), response.body())
                    .forEach((k, v) -> headers.put(k, List.of(v)));
            return new HttpTransport.Response(response.status(), headers, response.body());
        };
    }

    // ------------------------------------------------------------------ notifications

    /**
     * @param complaintId the complaint
     * @param actionType the action, e.g. {@code CREATE_COMPLAINT}, {@code USER_RESPONSE}, {@code REFUND_SUCCESS}
     * @return a correctly signed delivery, new id, event type {@code COMPLAINT.CREATE} for {@code CREATE_COMPLAINT}
     *     and {@code COMPLAINT.STATE_CHANGE} otherwise
     */
    public Delivery notification(String complaintId, String actionType) {
        return notification(complaintId, actionType, NotificationVariant.VALID);
    }

    /**
     * @param complaintId the complaint
     * @param actionType the action type
     * @param variant what is wrong with it, on purpose
     * @return the delivery
     */
    public Delivery notification(String complaintId, String actionType, NotificationVariant variant) {
        String id = UUID.randomUUID().toString();
        boolean create = "CREATE_COMPLAINT".equals(actionType);
        String eventType = create ? "COMPLAINT.CREATE" : "COMPLAINT.STATE_CHANGE";
        Instant at = clock.instant();
        if (variant == NotificationVariant.STALE) {
            at = at.minus(Duration.ofMinutes(6));
        }
        byte[] resourceNonce = new byte[6];
        RANDOM.nextBytes(resourceNonce);
        String serial = mode == SigningMode.PUBLIC_KEY ? publicKeyId : certificateSerial;
        WechatPayServerCrypto crypto = cryptoFor(serial);
        byte[] body = crypto.complaintNotification(id, RFC_3339.format(OffsetDateTime.ofInstant(at, SHANGHAI)), eventType,
                create ? "产生新投诉" : "投诉状态变化", HexFormat.of().formatHex(resourceNonce), complaintId, actionType);
        String nonce = nonce();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Request-ID", "notify-" + id);
        headers.putAll(crypto.signedHeaders(serial, at.getEpochSecond(), nonce, body));
        switch (variant) {
            case PROBE -> {
                byte[] random = new byte[48];
                RANDOM.nextBytes(random);
                headers.put("Wechatpay-Signature", PROBE_PREFIX + Base64.getEncoder().encodeToString(random));
            }
            case BAD_SIGNATURE -> headers.put("Wechatpay-Signature", crypto.signAnswer(Long.toString(at.getEpochSecond()), nonce,
                    "{\"id\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
            case TAMPERED -> body = tamper(body);
            case MISSING_SIGNATURE -> headers.remove("Wechatpay-Signature");
            default -> {
                // VALID, STALE: as signed
            }
        }
        return new Delivery(id, eventType, complaintId, actionType, variant, headers, body);
    }

    /**
     * POSTs a delivery as WeChat Pay does; call again with the same delivery for a duplicate.
     *
     * @param delivery the delivery
     * @param target the receiver (plain HTTP only to a loopback host)
     * @return what the receiver answered
     */
    public DeliveryResult deliver(Delivery delivery, URI target) {
        Objects.requireNonNull(target, "target");
        if (!"https".equals(target.getScheme()) && !isLoopback(target)) {
            throw new IllegalArgumentException("plain HTTP only to a loopback host: " + target);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(b::header);
        DeliveryResult result;
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            result = new DeliveryResult(delivery, target, r.statusCode(), r.body());
        } catch (IOException e) {
            result = new DeliveryResult(delivery, target, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new DeliveryResult(delivery, target, -1, "interrupted");
        }
        deliveries.add(result);
        return result;
    }

    /**
     * Delivers as WeChat Pay retries: the same delivery (same {@code id}) again after each delay of
     * {@code retrySchedule} until the receiver answers 2xx (WeChat's newest schedule is 60 s ten times,
     * then every 300 s, for at most 2 hours; tests pass short delays).
     *
     * @param delivery the delivery
     * @param target the receiver (plain HTTP only to a loopback host)
     * @param retrySchedule the waits before each retry
     * @return every attempt, in order; the last one is accepted unless the schedule ran out
     */
    public List<DeliveryResult> deliverUntilAccepted(Delivery delivery, URI target, List<Duration> retrySchedule) {
        List<DeliveryResult> attempts = new ArrayList<>();
        DeliveryResult r = deliver(delivery, target);
        attempts.add(r);
        for (Duration wait : retrySchedule) {
            if (r.accepted()) {
                break;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = deliver(delivery, target);
            attempts.add(r);
        }
        return attempts;
    }

    private static boolean isLoopback(URI u) {
        try {
            return u.getHost() != null && InetAddress.getByName(u.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Delivery announce(String complaintId, String actionType) {
        Delivery d = notification(complaintId, actionType);
        URI target = notificationTarget;
        if (target != null) {
            deliver(d, target);
        }
        return d;
    }

    /**
     * Scenario hook: a new complaint arrives.
     *
     * @param seed the complaint
     * @return its {@code COMPLAINT.CREATE} notification (delivered to the target, when one is set)
     */
    public Delivery newComplaint(ComplaintSeed seed) {
        add(seed);
        return announce(seed.id(), "CREATE_COMPLAINT");
    }

    /**
     * Scenario hook: the user writes to the merchant ({@code USER_RESPONSE}; the complaint has an
     * incoming user response again).
     *
     * @param complaintId the complaint
     * @param text what the user wrote
     * @return its {@code COMPLAINT.STATE_CHANGE} notification
     */
    public Delivery userResponds(String complaintId, String text) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            if (c == null) {
                throw new IllegalArgumentException("no complaint " + complaintId);
            }
            c.history.add(new Entry(nextLogId(), "投诉人", now(), "USER_RESPONSE", text, List.of(), List.of()));
            c.incomingUserResponse = true;
        }
        return announce(complaintId, "USER_RESPONSE");
    }

    /**
     * Scenario hook: the user complains again (继续投诉): the complaint is pending again.
     *
     * @param complaintId the complaint
     * @param text what the user wrote
     * @return its {@code COMPLAINT.STATE_CHANGE} notification
     */
    public Delivery userContinues(String complaintId, String text) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            if (c == null) {
                throw new IllegalArgumentException("no complaint " + complaintId);
            }
            c.history.add(new Entry(nextLogId(), "投诉人", now(), "USER_CONTINUE_COMPLAINT", text, List.of(), List.of()));
            c.userComplaintTimes++;
            c.incomingUserResponse = true;
            c.state = "PENDING";
        }
        return announce(complaintId, "CONTINUE_COMPLAINT");
    }

    /**
     * Scenario hook: the refund the merchant approved arrives: the complaint is fully refunded and processed.
     *
     * @param complaintId a complaint whose refund was approved
     * @return its {@code COMPLAINT.STATE_CHANGE} notification ({@code REFUND_SUCCESS})
     * @throws IllegalStateException when no refund was approved for it
     */
    public Delivery refundArrives(String complaintId) {
        synchronized (lock) {
            Case c = cases.get(complaintId);
            if (c == null || !"APPROVED".equals(c.refund)) {
                throw new IllegalStateException("no approved refund for complaint " + complaintId);
            }
            c.refund = "REFUNDED";
            c.fullRefunded = true;
            c.state = "PROCESSED";
            c.history.add(new Entry(nextLogId(), "系统", now(), "COMPLAINT_REFUND_RECEIVED_SYSTEM_MESSAGE", "退款已到账", List.of(),
                    List.of()));
        }
        return announce(complaintId, "REFUND_SUCCESS");
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "WechatPaySimulator[" + super.toString() + ", mchid=" + mchid + ", " + mode + ", " + cases.size() + " complaints]";
        }
    }

    // ------------------------------------------------------------------ multipart

    /** A parsed upload: the {@code meta} part's bytes as sent and the {@code file} part's bytes. */
    record Multipart(byte[] meta, byte[] file, String fileName) {
        static Multipart parse(String contentType, byte[] body) {
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                throw new IllegalArgumentException("Content-Type 应为 multipart/form-data");
            }
            String boundary = null;
            for (String p : contentType.split(";")) {
                String t = p.trim();
                if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    boundary = t.substring(9);
                    if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                        boundary = boundary.substring(1, boundary.length() - 1);
                    }
                }
            }
            if (boundary == null || boundary.isEmpty()) {
                throw new IllegalArgumentException("缺少 boundary");
            }
            byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int at = indexOf(body, first, 0);
            if (at < 0) {
                throw new IllegalArgumentException("找不到 boundary");
            }
            byte[] meta = null;
            byte[] file = null;
            String fileName = null;
            int pos = at + first.length;
            while (true) {
                if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                    break;
                }
                if (pos + 1 >= body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
                    throw new IllegalArgumentException("boundary 之后应为 CRLF");
                }
                pos += 2;
                int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                int next = indexOf(body, delimiter, pos);
                if (headerEnd < 0 || next < 0 || headerEnd > next) {
                    throw new IllegalArgumentException("part 不完整");
                }
                String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
                byte[] content = java.util.Arrays.copyOfRange(body, headerEnd + 4, next);
                String name = dispositionParam(headers, "name");
                if ("meta".equals(name)) {
                    meta = content;
                } else if ("file".equals(name)) {
                    file = content;
                    fileName = dispositionParam(headers, "filename");
                }
                pos = next + delimiter.length;
            }
            if (meta == null || file == null) {
                throw new IllegalArgumentException("需要 meta 与 file 两个 part");
            }
            return new Multipart(meta, file, fileName);
        }

        private static String dispositionParam(String headers, String param) {
            for (String line : headers.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    continue;
                }
                for (String p : line.split(";")) {
                    String t = p.trim();
                    if (t.startsWith(param + "=")) {
                        String v = t.substring(param.length() + 1);
                        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                    }
                }
            }
            return null;
        }

        private static int indexOf(byte[] hay, byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builder for {@link WechatPaySimulator}. */
    public static final class Builder {
        private String mchid = WechatPayTestKeys.MCHID;
        private String merchantSerial = WechatPayTestKeys.MERCHANT_SERIAL;
        private String merchantPublicKey = WechatPayTestKeys.merchantPublicKey();
        private String apiV3Key = WechatPayTestKeys.API_V3_KEY;
        private String publicKeyId = WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID;
        private String publicKeyPrivate = WechatPayTestKeys.platformPrivateKey();
        private String certificateSerial = WechatPayTestKeys.PLATFORM_CERTIFICATE_SERIAL;
        private String certificatePrivate = WechatPayTestKeys.platformPrivateKey();
        private SigningMode mode = SigningMode.PUBLIC_KEY;
        private Clock clock = Clock.systemUTC();
        private int responseContentLimit = 200;
        private boolean rateLimits;
        private final Map<Limit, Integer> limits = new EnumMap<>(Limit.class);
        private final List<ComplaintSeed> seeds = new ArrayList<>();
        private URI notificationTarget;

        private Builder() {}

        /**
         * @param mchid the merchant id requests must carry
         * @param merchantSerial its API certificate serial ({@code serial_no})
         * @param merchantPublicKeyPem its public key: requests are verified and {@code payer_phone} encrypted with it
         * @return this
         */
        public Builder merchant(String mchid, String merchantSerial, String merchantPublicKeyPem) {
            this.mchid = Objects.requireNonNull(mchid);
            this.merchantSerial = Objects.requireNonNull(merchantSerial);
            this.merchantPublicKey = Objects.requireNonNull(merchantPublicKeyPem);
            return this;
        }

        /** @param key the merchant's APIv3 key (32 characters): notification resources are encrypted under it @return this */
        public Builder apiV3Key(String key) {
            this.apiV3Key = Objects.requireNonNull(key);
            return this;
        }

        /** @param keyId the {@code PUB_KEY_ID_…} @param privateKeyPem the platform private key behind it @return this */
        public Builder platformPublicKey(String keyId, String privateKeyPem) {
            this.publicKeyId = Objects.requireNonNull(keyId);
            this.publicKeyPrivate = Objects.requireNonNull(privateKeyPem);
            return this;
        }

        /** @param serial the platform certificate's serial @param privateKeyPem its private key @return this */
        public Builder platformCertificate(String serial, String privateKeyPem) {
            this.certificateSerial = Objects.requireNonNull(serial);
            this.certificatePrivate = Objects.requireNonNull(privateKeyPem);
            return this;
        }

        /** @param mode how answers are signed (default {@link SigningMode#PUBLIC_KEY}) @return this */
        public Builder signingMode(SigningMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** @param clock the simulator's clock: request windows, answer timestamps, history times, rate windows @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** @param limit the longest {@code response_content}, in characters (default 200; WeChat's partner page says 500) @return this */
        public Builder responseContentLimit(int limit) {
            this.responseContentLimit = limit;
            return this;
        }

        /** @param on enforce WeChat's per-minute limits (default off) @return this */
        public Builder rateLimits(boolean on) {
            this.rateLimits = on;
            return this;
        }

        /** @param limit which limit @param perMinute calls per sliding minute instead of WeChat's (turns limits on) @return this */
        public Builder rateLimit(Limit limit, int perMinute) {
            this.limits.put(limit, perMinute);
            this.rateLimits = true;
            return this;
        }

        /** @param seeds complaints to hold @return this */
        public Builder complaints(List<ComplaintSeed> seeds) {
            this.seeds.addAll(seeds);
            return this;
        }

        /** @param seeds complaints to hold @return this */
        public Builder complaint(ComplaintSeed... seeds) {
            return complaints(List.of(seeds));
        }

        /** @param target where scenario hooks deliver notifications @return this */
        public Builder notificationTarget(URI target) {
            this.notificationTarget = target;
            return this;
        }

        /** @return the simulator, not started */
        public WechatPaySimulator build() {
            return new WechatPaySimulator(this);
        }
    }
}
