/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A wire simulator of Allinpay's 收银宝 WeChat-complaint interfaces ({@code POST <base>/riskfeeback/…}):
 * the negotiation history ({@code wxcomplainthistory}, described below), and the list, detail, reply,
 * complete, refund decision and image upload/download interfaces with the state they change (see
 * {@code SimulatedLifecycle}: a reply moves a complaint PENDING → PROCESSING and adds its history
 * row, a completion moves it to PROCESSED); agents and groups ({@link Builder#subMerchants},
 * {@link #assignSubMerchant}); sign types {@code RSA}, {@code RSA2} (SHA256WithRSA) and {@code SM2};
 * and signed complaint notifications ({@link #notification}, {@link #deliverNotification}). It is
 * the server side, written independently of the provider adapter (its own form and multipart
 * handling, canonical string and Bouncy Castle lightweight signing).
 *
 * <p>Like Allinpay it checks every request — the required fields ({@code appid}, {@code cusid},
 * {@code randomstr}, {@code signtype}, {@code sign}, {@code complaint_id}), a known {@code appid}
 * with its {@code cusid}, the merchant's signature ({@code RSA}: SHA1WithRSA; {@code SM2}:
 * SM3withSM2 with the {@code appid} as SM2 user id, raw {@code r‖s}), {@code limit} 1..300 and
 * {@code offset} ≥ 0 — and answers an unsigned {@code {"retcode":"FAIL","retmsg":…}} with the
 * reason when one fails. A good request is served from the {@link ComplaintStore} and paged like
 * the real API: {@code limit} 100 and {@code offset} 0 by default; {@code records} is Base64 of
 * UTF-8 JSON {@code {total_count (only at offset 0), offset, limit, data:[…]}} with
 * {@code operate_time} in RFC 3339 at +08:00. Answers carry {@code retcode}, {@code retmsg},
 * {@code appid}, {@code cusid}, {@code randomstr}, {@code records} and {@code sign} (and
 * {@code complaint_id} when {@link #echoComplaintId(boolean)} is on), signed with the simulator's
 * platform key of the request's sign type (SM2 user id {@code Allinpay}). Probes of a hostile server
 * fold {@code records} into {@code randomstr}, replay a signed answer made for another complaint,
 * page or merchant, or ignore {@code limit} (each as a method and as a {@link Fault}).
 *
 * <p>The simulator is its own {@link Dispatcher}. Its one-shot probes follow the scheme of
 * {@link SimulatorServer}: {@code next<Fault>()} injects that provider fault into the next request
 * ({@link #nextBadSignature()}, {@link #nextMissingSignature()}, {@link #nextInvalidRecords()},
 * {@link #nextUnknownFields()}, {@link #nextFoldedValues()}, {@link #nextReplayedOtherComplaint()},
 * {@link #nextReplayedOtherOffset()}, {@link #nextReplayedOtherMerchant()}, {@link #nextOversizedPage()});
 * {@link #nextError(String)}, {@link #nextRecords(String)}, {@link #nextReplayedFromComplaint(String)} and
 * {@link #nextReplayedFromOffset(long)} set what the next {@code SUCCESS} answer carries.
 *
 * <pre>{@code
 * AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start();  // the test merchant
 * AllinpayConfig config = AllinpayConfig.builder().endpoint(sim.endpoint())
 *         .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType("SM2")
 *         .privateKey(AllinpayTestKeys.merchantPrivateKey("SM2"))
 *         .platformPublicKey(sim.platformPublicKey("SM2")).build();
 * }</pre>
 */
public final class AllinpaySimulator extends SimulatorServer implements Dispatcher {
    /** The path of the negotiation history, below {@link #endpoint()}. */
    public static final String HISTORY_PATH = "/riskfeeback/wxcomplainthistory";
    private static final String RISKFEEBACK = "/riskfeeback/";
    private static final String HISTORY_OP = "wxcomplainthistory";
    private static final java.util.Set<String> OPERATIONS = java.util.Set.of(HISTORY_OP, SimulatedLifecycle.LIST,
            SimulatedLifecycle.DETAIL, SimulatedLifecycle.REPLY, SimulatedLifecycle.COMPLETE, SimulatedLifecycle.REFUND,
            SimulatedLifecycle.UPLOAD, SimulatedLifecycle.IMAGE);
    /** The base path of {@link #endpoint()}, as in production. */
    public static final String BASE_PATH = "/cusapi";
    /** The largest {@code limit} accepted (WeChat's cap). */
    public static final int MAX_LIMIT = 300;
    /** The {@code limit} used when none is sent. */
    public static final int DEFAULT_LIMIT = 100;
    /** The {@code appid} of the other merchant whose answers {@link #replayNextFromOtherMerchant()} replays. */
    public static final String OTHER_APPID = "00000999";
    /** The {@code cusid} of that other merchant. */
    public static final String OTHER_CUSID = "990000000000999";

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final JsonFactory JSON = new JsonFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How {@code complaint_media_list} is rendered. */
    public enum MediaShape {
        /** One object {@code {media_type, media_url:[…]}}, WeChat's current shape; a row with several media is sent as an array. */
        OBJECT,
        /** An array of such objects, WeChat's older shape. */
        ARRAY
    }

    /** A registered merchant: its own {@code cusid}, keys by key type, and the sub-merchants it acts for (agents, groups). */
    record Merchant(String cusid, Map<String, AsymmetricKeyParameter> keys, java.util.Set<String> subs, boolean group) {}

    private final ComplaintStore store;
    private final Map<String, Merchant> merchants;
    private final Map<String, AsymmetricKeyParameter> platformKeys;
    private final Map<String, String> platformPublicKeys;
    private volatile MediaShape mediaShape;
    private final AtomicReference<String> failNext = new AtomicReference<>();
    private final AtomicReference<String> recordsNext = new AtomicReference<>();
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final AtomicBoolean unsignedNext = new AtomicBoolean();
    private final AtomicBoolean foldNext = new AtomicBoolean();
    private final AtomicBoolean oversizeNext = new AtomicBoolean();
    private final AtomicBoolean otherMerchantNext = new AtomicBoolean();
    private final AtomicReference<String> otherComplaintNext = new AtomicReference<>();
    private final AtomicReference<Long> otherOffsetNext = new AtomicReference<>();
    private volatile boolean echoComplaintId;
    private final SimulatedLifecycle lifecycle;

    private AllinpaySimulator(Builder b) {
        super("allinpay-simulator");
        this.store = b.store;
        this.merchants = Map.copyOf(b.merchants);
        this.platformKeys = Map.of(
                SignTypes.RSA, ServerCrypto.privateKey(SignTypes.RSA, b.platformPrivateKeys.get(SignTypes.RSA)),
                SignTypes.SM2, ServerCrypto.privateKey(SignTypes.SM2, b.platformPrivateKeys.get(SignTypes.SM2)));
        this.platformPublicKeys = Map.copyOf(b.platformPublicKeys);
        this.mediaShape = b.mediaShape;
        this.lifecycle = new SimulatedLifecycle(this, b.clock);
        dispatcher(this);
    }

    /** @return a builder: empty store, the test merchant, the default platform keys, media as objects */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this simulator, started on an ephemeral loopback port */
    @Override
    public AllinpaySimulator start() {
        super.start();
        return this;
    }

    /** @return the base URL to configure as {@code allinpay.endpoint}: {@code http://127.0.0.1:<port>/cusapi} */
    public URI endpoint() {
        return URI.create(baseUri() + BASE_PATH);
    }

    /** @return the store the simulator serves */
    public ComplaintStore store() {
        return store;
    }

    /**
     * @param signType {@code RSA} or {@code SM2}
     * @return the platform public key (Base64 X.509) answers of that sign type verify with
     */
    public String platformPublicKey(String signType) {
        return platformPublicKeys.get(SignTypes.keyType(SignTypes.require(signType)));
    }

    /** @param shape how {@code complaint_media_list} is rendered from now on */
    public void mediaShape(MediaShape shape) {
        this.mediaShape = Objects.requireNonNull(shape, "shape");
    }

    /** @param retmsg the next well-formed request is answered {@code FAIL} with this message */
    public void failNext(String retmsg) {
        failNext.set(Objects.requireNonNull(retmsg, "retmsg"));
    }

    /** The next {@code SUCCESS} answer carries a signature that does not verify (one byte flipped). */
    public void tamperNextSignature() {
        tamperNext.set(true);
    }

    /** The next {@code SUCCESS} answer carries no {@code sign}. */
    public void omitNextSignature() {
        unsignedNext.set(true);
    }

    /**
     * The next {@code SUCCESS} answer moves {@code records} into {@code randomstr}
     * ({@code "randomstr":"<r>&records=<b64>"}, no {@code records} field) and keeps the signature
     * Allinpay made for the real answer: the two sort and join to the same signed string.
     */
    public void foldNextRecordsIntoRandomstr() {
        foldNext.set(true);
    }

    /**
     * The next request is answered with the signed answer Allinpay gave for another complaint, at
     * the same offset and limit (it echoes {@code complaint_id} when {@link #echoComplaintId(boolean)}
     * is on, or when the {@link Fault#REPLAYED_OTHER_COMPLAINT} fault produced it).
     *
     * @param complaintId the other complaint; unknown to the store means an empty history
     */
    public void replayNextFromComplaint(String complaintId) {
        otherComplaintNext.set(Objects.requireNonNull(complaintId, "complaintId"));
    }

    /**
     * The next request is answered with the signed answer for another page of the same complaint.
     *
     * @param offset the offset that answer was made for
     */
    public void replayNextFromOffset(long offset) {
        otherOffsetNext.set(offset);
    }

    /** The next request is answered with the signed answer given to {@link #OTHER_APPID}/{@link #OTHER_CUSID}. */
    public void replayNextFromOtherMerchant() {
        otherMerchantNext.set(true);
    }

    /**
     * The next {@code SUCCESS} answer ignores {@code limit}: it holds every row from the offset on,
     * repeated until there are more than {@code limit}; {@code records.limit} still echoes the request's.
     */
    public void ignoreLimitNext() {
        oversizeNext.set(true);
    }

    /** The next request meets {@link Fault#BAD_SIGNATURE}: its {@code SUCCESS} answer's signature does not verify. */
    public void nextBadSignature() {
        inject(Fault.BAD_SIGNATURE);
    }

    /** The next request meets {@link Fault#MISSING_SIGNATURE}: its {@code SUCCESS} answer carries no {@code sign}. */
    public void nextMissingSignature() {
        inject(Fault.MISSING_SIGNATURE);
    }

    /** The next request meets {@link Fault#INVALID_RECORDS}: its {@code SUCCESS} answer's {@code records} is not Base64. */
    public void nextInvalidRecords() {
        inject(Fault.INVALID_RECORDS);
    }

    /** The next request meets {@link Fault#UNKNOWN_FIELDS}: its {@code SUCCESS} answer carries fields this version does not know. */
    public void nextUnknownFields() {
        inject(Fault.UNKNOWN_FIELDS);
    }

    /** The next request meets {@link Fault#FOLDED_VALUES}: its {@code SUCCESS} answer folds {@code records} into {@code randomstr}. */
    public void nextFoldedValues() {
        inject(Fault.FOLDED_VALUES);
    }

    /** The next request meets {@link Fault#REPLAYED_OTHER_COMPLAINT}: the signed answer for another complaint, which echoes its id. */
    public void nextReplayedOtherComplaint() {
        inject(Fault.REPLAYED_OTHER_COMPLAINT);
    }

    /** The next request meets {@link Fault#REPLAYED_OTHER_OFFSET}: the signed answer for another page. */
    public void nextReplayedOtherOffset() {
        inject(Fault.REPLAYED_OTHER_OFFSET);
    }

    /** The next request meets {@link Fault#REPLAYED_OTHER_MERCHANT}: the signed answer given to another merchant. */
    public void nextReplayedOtherMerchant() {
        inject(Fault.REPLAYED_OTHER_MERCHANT);
    }

    /** The next request meets {@link Fault#OVERSIZED_PAGE}: its {@code SUCCESS} answer ignores {@code limit}. */
    public void nextOversizedPage() {
        inject(Fault.OVERSIZED_PAGE);
    }

    /** @param retmsg the next well-formed request is answered {@code FAIL} with this message; same as {@link #failNext(String)} */
    public void nextError(String retmsg) {
        failNext(retmsg);
    }

    /** @param records the {@code records} value the next {@code SUCCESS} answer carries verbatim; same as {@link #answerNextWithRecords(String)} */
    public void nextRecords(String records) {
        answerNextWithRecords(records);
    }

    /** @param complaintId the next request is answered with the signed answer for this complaint; same as {@link #replayNextFromComplaint(String)} */
    public void nextReplayedFromComplaint(String complaintId) {
        replayNextFromComplaint(complaintId);
    }

    /** @param offset the next request is answered with the signed answer for this page; same as {@link #replayNextFromOffset(long)} */
    public void nextReplayedFromOffset(long offset) {
        replayNextFromOffset(offset);
    }

    /**
     * @param echo whether answers carry {@code complaint_id} (off by default: Allinpay's published
     *     answer does not echo it)
     */
    public void echoComplaintId(boolean echo) {
        this.echoComplaintId = echo;
    }

    /**
     * @param records the {@code records} value the next {@code SUCCESS} answer carries verbatim
     *     (correctly signed), e.g. text that is not Base64
     */
    public void answerNextWithRecords(String records) {
        recordsNext.set(Objects.requireNonNull(records, "records"));
    }

    /**
     * Assigns a complaint to a sub-merchant of an agent or group ({@link Builder#subMerchants}): list
     * rows then carry it as {@code merchantNo}, and every call about the complaint must send it as
     * {@code cusid}, or is answered {@code FAIL}.
     *
     * @param complaintId a complaint of the store
     * @param merchantNo the sub-merchant's number
     */
    public void assignSubMerchant(String complaintId, String merchantNo) {
        lifecycle.assign(ComplaintId.of(complaintId), Objects.requireNonNull(merchantNo, "merchantNo"));
    }

    /**
     * The next reply, completion or refund decision is answered {@code SUCCESS} with a non-empty
     * {@code retmsg} (signed), the case Allinpay's public clients read differently.
     *
     * @param retmsg the message
     * @param applied whether the write is made all the same
     */
    public void nextSuccessWithRetmsg(String retmsg, boolean applied) {
        lifecycle.successWithRetmsgNext(Objects.requireNonNull(retmsg, "retmsg"), applied);
    }

    /**
     * @param mediaUrl a media URL of a history row or detail, or {@code <WeChat media URL>/<mediaid>} of an upload
     * @return the bytes {@code wxgetmerchantimage} serves for it (for a history medium: a PNG signature
     *     and a digest of the URL)
     */
    public byte[] imageAt(String mediaUrl) {
        return SimulatedLifecycle.png(mediaUrl);
    }

    /**
     * A complaint notification as Allinpay posts it: a form with {@code risktype} {@code COMPLAINTV2},
     * {@code resource} = {@code {"complaint_id":…,"action_type":…}}, the complaint's {@code cusid}, and
     * {@code sign} over the rest with the platform key of the sign type (SM2 user id {@code Allinpay}).
     *
     * @param complaintId the complaint
     * @param actionType WeChat's action, e.g. {@code CREATE_COMPLAINT}, {@code USER_RESPONSE}
     * @param signType {@code RSA}, {@code RSA2} or {@code SM2}
     * @return the delivery
     */
    public dev.complaintkit.model.NotificationDelivery notification(String complaintId, String actionType, String signType) {
        return delivery(notificationForm(complaintId, actionType, signType, false));
    }

    /** @return {@link #notification} with a signature that does not verify (one byte of it flipped) */
    public dev.complaintkit.model.NotificationDelivery tamperedNotification(String complaintId, String actionType, String signType) {
        return delivery(notificationForm(complaintId, actionType, signType, true));
    }

    /**
     * Posts {@link #notification} to a merchant's URL as Allinpay does, again while the answer's body is
     * not exactly {@code success}: at most 6 posts (Allinpay's first and its 5 retries), here without
     * the waits between them.
     *
     * @param url the merchant's notification URL (loopback in tests)
     * @param complaintId the complaint
     * @param actionType WeChat's action
     * @param signType the sign type
     * @return the body of each answer, in order
     */
    public List<String> deliverNotification(URI url, String complaintId, String actionType, String signType) {
        byte[] body = notificationForm(complaintId, actionType, signType, false).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> answers = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            String answer;
            try {
                answer = http.send(java.net.http.HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            } catch (IOException e) {
                answer = "<" + e.getClass().getSimpleName() + ">";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answers.add(answer);
            if (answer.equals("success")) {
                break;
            }
        }
        return answers;
    }

    private String notificationForm(String complaintId, String actionType, String signType, boolean tamper) {
        String type = SignTypes.require(signType);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cusid", lifecycle.owner(ComplaintId.of(complaintId)).orElse(merchants.values().iterator().next().cusid()));
        f.put("risktype", "COMPLAINTV2");
        f.put("resource", "{\"complaint_id\":\"" + complaintId + "\",\"action_type\":\"" + actionType + "\"}");
        String sign = ServerCrypto.sign(type, platformKeys.get(SignTypes.keyType(type)), ServerCrypto.PLATFORM_USER_ID,
                ServerCrypto.canonical(f));
        if (tamper) {
            byte[] raw = Base64.getDecoder().decode(sign);
            raw[raw.length / 2] ^= 0x01;
            sign = Base64.getEncoder().encodeToString(raw);
        }
        f.put("sign", sign);
        StringBuilder form = new StringBuilder();
        f.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static dev.complaintkit.model.NotificationDelivery delivery(String form) {
        return dev.complaintkit.model.NotificationDelivery.of("POST",
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"), form.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A re-signer for replaying a recorded session (whose signatures were redacted) to a client
     * configured with this simulator's platform public key of {@code signType}: every {@code SUCCESS}
     * answer is signed again; other answers pass unchanged.
     *
     * @param signType {@code RSA} or {@code SM2}
     * @return the re-signing function, for {@code ReplayTransport.Builder.rewritingResponses}
     */
    public java.util.function.UnaryOperator<dev.complaintkit.port.HttpTransport.Response> resigner(String signType) {
        AsymmetricKeyParameter key = Objects.requireNonNull(platformKeys.get(SignTypes.keyType(signType)), "sign type " + signType);
        return answer -> {
            try {
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
                if (root == null || !root.isObject() || !"SUCCESS".equals(root.path("retcode").asText())) {
                    return answer;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                root.properties().forEach(e -> {
                    if (!e.getKey().equals("sign") && e.getValue().isValueNode()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                });
                fields.put("sign", ServerCrypto.sign(signType, key, ServerCrypto.PLATFORM_USER_ID, ServerCrypto.canonical(fields)));
                return new dev.complaintkit.port.HttpTransport.Response(answer.status(), answer.headers(),
                        json(fields).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return answer;
            }
        };
    }

    @Override
    protected java.util.Set<Fault> providerFaults() {
        return java.util.EnumSet.of(Fault.BAD_SIGNATURE, Fault.MISSING_SIGNATURE, Fault.INVALID_RECORDS, Fault.UNKNOWN_FIELDS,
                Fault.FOLDED_VALUES, Fault.REPLAYED_OTHER_COMPLAINT, Fault.REPLAYED_OTHER_OFFSET,
                Fault.REPLAYED_OTHER_MERCHANT, Fault.OVERSIZED_PAGE);
    }

    /** @return a complaint of the store other than {@code complaint} (one with a history when there is one) */
    private String otherComplaint(String complaint) {
        return store.histories().keySet().stream().map(ComplaintId::value).filter(id -> !id.equals(complaint))
                .sorted().findFirst().orElse(complaint + "0");
    }

    /** @return the offset of another page than the request's: the next page, or 0 for a request past 0 */
    private static long otherOffset(Map<String, String> f) {
        long offset;
        int limit;
        try {
            offset = Long.parseLong(f.getOrDefault("offset", "0"));
            limit = Integer.parseInt(f.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            return 0;
        }
        return offset == 0 ? limit : 0;
    }

    /** Adds fields this version does not know to the records object and to every row. */
    private static byte[] withUnknownFields(byte[] page) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(page);
            root.put("has_more", true);
            root.withArray("data").forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row)
                    .put("complaint_order_state", "NEW").putObject("extra").put("k", "v"));
            return m.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Allinpay's server side: checks the request and answers it from the store, producing the
     * provider fault the request carries ({@link RecordedRequest#fault()}) on its {@code SUCCESS} answer.
     *
     * @param request the request
     * @return the answer
     */
    @Override
    public ScriptedResponse dispatch(RecordedRequest request) {
        Fault fault = request.fault().orElse(null);
        String path = request.path();
        int at = path.lastIndexOf(RISKFEEBACK);
        String op = at < 0 ? "" : path.substring(at + RISKFEEBACK.length());
        if (!OPERATIONS.contains(op)) {
            return ScriptedResponse.text(404, "no such interface: " + path, StandardCharsets.UTF_8);
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            return ScriptedResponse.text(405, "POST only", StandardCharsets.UTF_8);
        }
        String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        Map<String, String> f;
        SimulatedLifecycle.Upload file = null;
        if (op.equals(SimulatedLifecycle.UPLOAD)) {
            if (!contentType.startsWith("multipart/form-data")) {
                return fail("请求格式错误: 图片上传须为multipart/form-data");
            }
            file = SimulatedLifecycle.Upload.parse(request.header("content-type").orElse(""), request.body());
            if (file == null) {
                return fail("请求格式错误: multipart解析失败");
            }
            f = file.fields();
        } else if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return fail("请求格式错误: Content-Type须为application/x-www-form-urlencoded");
        } else {
            f = request.formFields();
        }
        Object caller = authenticate(f, SimulatedLifecycle.required(op));
        if (caller instanceof ScriptedResponse refusal) {
            return refusal;
        }
        Caller c = (Caller) caller;
        String failure = failNext.getAndSet(null);
        if (failure != null) {
            return fail(failure);
        }
        if (!op.equals(HISTORY_OP)) {
            return lifecycle.handle(op, c, file, fault);
        }
        return history(c, fault);
    }

    /** A request that passed the common checks: its merchant, sign type and fields. */
    record Caller(String appid, Merchant merchant, String signType, Map<String, String> fields) {
        String cusid() {
            return fields.get("cusid");
        }
    }

    /** @return the {@link Caller}, or the {@code FAIL} answer of the first check it does not pass */
    private Object authenticate(Map<String, String> f, List<String> required) {
        for (String name : required) {
            if (f.getOrDefault(name, "").isEmpty()) {
                return fail("参数" + name + "不能为空");
            }
        }
        String appid = f.get("appid");
        String signType = f.get("signtype");
        if (!signType.equals(SignTypes.RSA) && !signType.equals(SignTypes.SM2) && !signType.equals(SignTypes.RSA2)) {
            return fail("signtype只能为SM2、RSA或RSA2");
        }
        if (f.get("randomstr").length() > 32) {
            return fail("randomstr长度不能超过32");
        }
        Merchant merchant = merchants.get(appid);
        if (merchant == null) {
            return fail("appid不存在: " + appid);
        }
        if (!merchant.cusid().equals(f.get("cusid")) && !merchant.subs().contains(f.get("cusid"))) {
            return fail("商户号cusid与appid不匹配");
        }
        AsymmetricKeyParameter merchantKey = merchant.keys().get(SignTypes.keyType(signType));
        if (merchantKey == null) {
            return fail("appid " + appid + "未配置" + signType + "公钥");
        }
        if (!ServerCrypto.verify(signType, merchantKey, appid, ServerCrypto.canonical(f), f.get("sign"))) {
            return fail("签名验证失败");
        }
        String version = f.getOrDefault("version", "");
        if (!version.isEmpty() && !version.matches("\\d{1,2}")) {
            return fail("version格式错误");
        }
        return new Caller(appid, merchant, signType, f);
    }

    /** @return the negotiation history's answer */
    private ScriptedResponse history(Caller c, Fault fault) {
        Map<String, String> f = c.fields();
        String appid = c.appid();
        String signType = c.signType();
        Merchant merchant = c.merchant();
        int limit;
        long offset;
        try {
            limit = f.getOrDefault("limit", "").isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(f.get("limit"));
            offset = f.getOrDefault("offset", "").isEmpty() ? 0 : Long.parseLong(f.get("offset"));
        } catch (NumberFormatException e) {
            return fail("limit和offset须为整数");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return fail("limit须在1到" + MAX_LIMIT + "之间");
        }
        if (offset < 0) {
            return fail("offset不能小于0");
        }
        Optional<List<NegotiationEntry>> history = store.history(ComplaintId.of(f.get("complaint_id")));
        if (history.isEmpty()) {
            return fail("投诉单不存在: " + f.get("complaint_id"));
        }
        ScriptedResponse notOwner = lifecycle.ownerCheck(c, f.get("complaint_id"));
        if (notOwner != null) {
            return notOwner;
        }
        // a replay: the answer Allinpay signed for another request, served as is
        String complaint = f.get("complaint_id");
        String otherComplaint = fault == Fault.REPLAYED_OTHER_COMPLAINT ? otherComplaint(complaint)
                : otherComplaintNext.getAndSet(null);
        List<NegotiationEntry> rows = history.get();
        if (otherComplaint != null) {
            complaint = otherComplaint;
            rows = store.history(ComplaintId.of(otherComplaint)).orElse(List.of());
        }
        Long otherOffset = fault == Fault.REPLAYED_OTHER_OFFSET ? Long.valueOf(otherOffset(f)) : otherOffsetNext.getAndSet(null);
        if (otherOffset != null) {
            offset = otherOffset;
        }
        boolean otherMerchant = fault == Fault.REPLAYED_OTHER_MERCHANT || otherMerchantNext.getAndSet(false);
        String override = fault == Fault.INVALID_RECORDS ? "!!not*base64~records" : recordsNext.getAndSet(null);
        byte[] page = fault == Fault.OVERSIZED_PAGE || oversizeNext.getAndSet(false) ? oversized(rows, offset, limit, mediaShape)
                : records(rows, offset, limit, mediaShape);
        if (fault == Fault.UNKNOWN_FIELDS) {
            page = withUnknownFields(page);
        }
        String records = override != null ? override : Base64.getEncoder().encodeToString(page);
        boolean echo = echoComplaintId || fault == Fault.REPLAYED_OTHER_COMPLAINT;
        return success(otherMerchant ? OTHER_APPID : appid, otherMerchant ? OTHER_CUSID : c.cusid(), signType,
                records, echo ? complaint : null, fault);
    }

    private ScriptedResponse success(String appid, String cusid, String signType, String records, String complaintId,
            Fault fault) {
        Map<String, String> data = new LinkedHashMap<>();
        if (complaintId != null) {
            data.put("complaint_id", complaintId);
        }
        data.put("randomstr", randomStr());
        data.put("records", records);
        return success(appid, cusid, signType, "", data, "records", fault);
    }

    /**
     * A signed {@code SUCCESS} answer for a caller.
     *
     * @param c the caller
     * @param retmsg the {@code retmsg} (Allinpay sends an empty one)
     * @param data the fields beyond the envelope
     * @param dataField the field folded by {@link Fault#FOLDED_VALUES}, or {@code null}
     * @param fault the provider fault to produce, or {@code null}
     * @return the answer
     */
    ScriptedResponse success(Caller c, String retmsg, Map<String, String> data, String dataField, Fault fault) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("randomstr", randomStr());
        d.putAll(data);
        return success(c.appid(), c.cusid(), c.signType(), retmsg, d, dataField, fault);
    }

    private ScriptedResponse success(String appid, String cusid, String signType, String retmsg, Map<String, String> data,
            String dataField, Fault fault) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("retcode", "SUCCESS");
        answer.put("retmsg", retmsg);
        answer.put("appid", appid);
        answer.put("cusid", cusid);
        answer.putAll(data);
        if (fault == Fault.UNKNOWN_FIELDS) {
            answer.put("trxstatus", "0000"); // a field this version does not know; still signed
        }
        String sign = ServerCrypto.sign(signType, platformKeys.get(SignTypes.keyType(signType)), ServerCrypto.PLATFORM_USER_ID,
                ServerCrypto.canonical(answer));
        if (fault == Fault.BAD_SIGNATURE || tamperNext.getAndSet(false)) {
            byte[] raw = Base64.getDecoder().decode(sign);
            raw[raw.length / 2] ^= 0x01;
            sign = Base64.getEncoder().encodeToString(raw);
        }
        if (fault != Fault.MISSING_SIGNATURE && !unsignedNext.getAndSet(false)) {
            answer.put("sign", sign);
        }
        if (dataField != null && dataField.compareTo("randomstr") > 0 && (fault == Fault.FOLDED_VALUES || foldNext.getAndSet(false))) {
            // "randomstr=<r>&records=<b64>" joins to the same signed string as the two fields did
            answer.put("randomstr", answer.get("randomstr") + "&" + dataField + "=" + answer.remove(dataField));
        }
        return ScriptedResponse.json(200, json(answer));
    }

    /** @return {@code {"retcode":"FAIL","retmsg":…}}, unsigned, as Allinpay answers a rejected request */
    static ScriptedResponse fail(String retmsg) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("retcode", "FAIL");
        answer.put("retmsg", retmsg);
        return ScriptedResponse.json(200, json(answer));
    }

    /**
     * Renders one page of history as the UTF-8 JSON Allinpay Base64-encodes into {@code records}.
     *
     * @param history the whole history
     * @param offset the first row
     * @param limit at most this many rows
     * @param shape how media are rendered
     * @return the JSON bytes
     */
    static byte[] records(List<NegotiationEntry> history, long offset, int limit, MediaShape shape) {
        int from = (int) Math.min(offset, history.size());
        int to = (int) Math.min((long) from + limit, history.size());
        return records(history.subList(from, to), offset == 0 ? history.size() : -1, offset, limit, shape);
    }

    /** @return a page that ignores {@code limit}: the rows from {@code offset} on, repeated to more than {@code limit} */
    private static byte[] oversized(List<NegotiationEntry> history, long offset, int limit, MediaShape shape) {
        List<NegotiationEntry> tail = history.subList((int) Math.min(offset, history.size()), history.size());
        List<NegotiationEntry> rows = new java.util.ArrayList<>(tail);
        while (!history.isEmpty() && rows.size() <= limit) {
            rows.addAll(tail.isEmpty() ? history : tail);
        }
        return records(rows, offset == 0 ? history.size() : -1, offset, limit, shape);
    }

    private static byte[] records(List<NegotiationEntry> page, long totalCount, long offset, int limit, MediaShape shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 400 * page.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (totalCount >= 0) {
                g.writeNumberField("total_count", totalCount);
            }
            g.writeNumberField("offset", offset);
            g.writeNumberField("limit", limit);
            g.writeArrayFieldStart("data");
            for (NegotiationEntry e : page) {
                row(g, e, shape);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void row(JsonGenerator g, NegotiationEntry e, MediaShape shape) throws IOException {
        g.writeStartObject();
        List<Media> media = e.media();
        if (shape == MediaShape.ARRAY || media.size() > 1) {
            g.writeArrayFieldStart("complaint_media_list");
            for (Media m : media) {
                media(g, m);
            }
            g.writeEndArray();
        } else if (media.size() == 1) {
            g.writeFieldName("complaint_media_list");
            media(g, media.get(0));
        }
        g.writeArrayFieldStart("image_list");
        for (String url : e.images()) {
            g.writeString(url);
        }
        g.writeEndArray();
        g.writeStringField("log_id", e.logId());
        g.writeStringField("operate_details", e.details());
        g.writeStringField("operate_time", e.time().withOffsetSameInstant(BEIJING).format(RFC_3339));
        g.writeStringField("operate_type", e.rawType().isEmpty() ? e.type().name() : e.rawType());
        g.writeStringField("operator", e.operator());
        g.writeEndObject();
    }

    private static void media(JsonGenerator g, Media m) throws IOException {
        g.writeStartObject();
        g.writeStringField("media_type", m.type());
        g.writeArrayFieldStart("media_url");
        for (String url : m.urls()) {
            g.writeString(url);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static String json(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : fields.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String randomStr() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Builds an {@link AllinpaySimulator}. */
    public static final class Builder {
        private ComplaintStore store = ComplaintStore.create();
        private final Map<String, Merchant> merchants = new LinkedHashMap<>();
        private final Map<String, String> platformPrivateKeys = new LinkedHashMap<>(Map.of(
                SignTypes.RSA, AllinpayTestKeys.platformPrivateKey(SignTypes.RSA),
                SignTypes.SM2, AllinpayTestKeys.platformPrivateKey(SignTypes.SM2)));
        private final Map<String, String> platformPublicKeys = new LinkedHashMap<>(Map.of(
                SignTypes.RSA, AllinpayTestKeys.platformPublicKey(SignTypes.RSA),
                SignTypes.SM2, AllinpayTestKeys.platformPublicKey(SignTypes.SM2)));
        private MediaShape mediaShape = MediaShape.OBJECT;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder() {}

        /** @param clock the time of the rows replies, completions and refund decisions add (default the system clock) @return this */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes a registered merchant an agent or a group: it may act, as {@code cusid}, for these
         * sub-merchants too, and its list (with its own {@code cusid}) covers their complaints.
         *
         * @param appid a merchant registered with {@link #merchant}
         * @param group whether it is a group merchant, whose list needs {@code groupall=1}
         * @param merchantNos its sub-merchants' numbers
         * @return this
         */
        public Builder subMerchants(String appid, boolean group, String... merchantNos) {
            Merchant m = merchants.get(appid);
            if (m == null) {
                throw new IllegalArgumentException("register merchant " + appid + " first");
            }
            java.util.Set<String> subs = new java.util.LinkedHashSet<>(m.subs());
            subs.addAll(List.of(merchantNos));
            merchants.put(appid, new Merchant(m.cusid(), m.keys(), java.util.Set.copyOf(subs), group));
            return this;
        }

        /** @param store the data to serve (shared, not copied; e.g. the one a FakeComplaintProvider uses) @return this */
        public Builder store(ComplaintStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Registers a merchant's public key. Call once per sign type to accept both for one {@code appid}.
         *
         * @param appid the application id
         * @param cusid its merchant number
         * @param signType {@code RSA} or {@code SM2}
         * @param publicKeyBase64 the merchant's public key, Base64 X.509 (the half of the key the client signs with)
         * @return this
         */
        public Builder merchant(String appid, String cusid, String signType, String publicKeyBase64) {
            String type = SignTypes.keyType(SignTypes.require(signType));
            AsymmetricKeyParameter key = ServerCrypto.publicKey(type, publicKeyBase64);
            Merchant existing = merchants.get(appid);
            if (existing != null && !existing.cusid().equals(cusid)) {
                throw new IllegalArgumentException("appid " + appid + " is already registered with cusid " + existing.cusid());
            }
            Map<String, AsymmetricKeyParameter> keys = new LinkedHashMap<>(existing == null ? Map.of() : existing.keys());
            keys.put(type, key);
            merchants.put(appid, new Merchant(cusid, keys, existing == null ? java.util.Set.of() : existing.subs(),
                    existing != null && existing.group()));
            return this;
        }

        /** @return this, with the {@link AllinpayTestKeys} merchant registered for RSA and SM2 */
        public Builder testMerchant() {
            merchant(AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, SignTypes.RSA, AllinpayTestKeys.merchantPublicKey(SignTypes.RSA));
            return merchant(AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, SignTypes.SM2, AllinpayTestKeys.merchantPublicKey(SignTypes.SM2));
        }

        /**
         * Replaces a default platform key pair (see {@link AllinpayTestKeys}).
         *
         * @param signType {@code RSA} or {@code SM2}
         * @param privateKeyBase64 the platform private key answers are signed with, Base64 PKCS#8
         * @param publicKeyBase64 its public key, Base64 X.509, reported by {@link AllinpaySimulator#platformPublicKey}
         * @return this
         */
        public Builder platformKeys(String signType, String privateKeyBase64, String publicKeyBase64) {
            String type = SignTypes.keyType(SignTypes.require(signType));
            ServerCrypto.privateKey(type, privateKeyBase64);
            ServerCrypto.publicKey(type, publicKeyBase64);
            platformPrivateKeys.put(type, privateKeyBase64);
            platformPublicKeys.put(type, publicKeyBase64);
            return this;
        }

        /** @param shape how {@code complaint_media_list} is rendered (default {@link MediaShape#OBJECT}) @return this */
        public Builder mediaShape(MediaShape shape) {
            this.mediaShape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** @return the simulator, not started; the test merchant is registered when no merchant was */
        public AllinpaySimulator build() {
            if (merchants.isEmpty()) {
                testMerchant();
            }
            return new AllinpaySimulator(this);
        }
    }
}
