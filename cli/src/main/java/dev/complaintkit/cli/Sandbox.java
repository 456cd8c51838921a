/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.wechatpay.ComplaintSeed;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.net.URI;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test kit's wire simulators of the providers, started together on loopback and seeded with
 * realistic data, plus the properties that point a client at them. Used by
 * {@code complaintkit sandbox}, {@code complaintkit demo} and the command's tests.
 *
 * <ul>
 *   <li>Allinpay: the negotiation-history interface with two merchants, one signing RSA
 *       ({@link #ALLINPAY_RSA_APPID}) and one SM2 ({@link #ALLINPAY_SM2_APPID}), both with the test
 *       kit's {@link AllinpayTestKeys}, serving {@link #allinpayComplaintIds()} (the first with a
 *       history of {@value #ALLINPAY_LONG_HISTORY} rows, three pages at the default page size);</li>
 *   <li>Xiaoe-tech: the test kit's 1,000-complaint data set, behind a token endpoint and the
 *       B-side complaint list, with a generated {@code secret_key};</li>
 *   <li>Yima: the reply gateway, JSON and GBK-XML, accepting replies to {@link #yimaComplaintIds()}
 *       signed {@code MD5_SORTED_KEY} with a generated secret;</li>
 *   <li>WeChat Pay: the test kit's {@link WechatPaySimulator}, the whole APIv3 complaint API for the
 *       test merchant of {@link WechatPayTestKeys} in the public-key mode, holding
 *       {@link WechatPayFixtures#sixtyDays(LocalDate)} of today (Asia/Shanghai): twelve complaints
 *       over the last 60 days ({@link #wechatpayComplaintIds()}). With
 *       {@link #notifyWechatPayTo(URI, Consumer)} every merchant action it handles (reply, complete,
 *       refund decision) is followed by the signed, encrypted notification WeChat Pay sends.</li>
 * </ul>
 *
 * <p>Ports: with a base port {@code N} the simulators listen on {@code N} (Allinpay), {@code N+1}
 * (Xiaoe-tech), {@code N+2} (Yima) and {@code N+3} (WeChat Pay); with 0 each takes an ephemeral
 * port. The Yima and Xiaoe secrets are generated per start; the Allinpay and WeChat Pay keys are the
 * test kit's fixed test keys (SM2 keys need Bouncy Castle, which stays out of this module; WeChat
 * Pay's simulator answers under its fixed platform key). All are throw-away values known only to
 * simulators.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(0)) {
 *     ComplaintClient xiaoe = Complaints.client("xiaoe", sandbox.properties());
 *     xiaoe.complaints(ComplaintFilter.all()).count();   // 1000
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** The Allinpay merchant that signs RSA (the test kit's test merchant). */
    public static final String ALLINPAY_RSA_APPID = AllinpayTestKeys.APPID;
    /** Its merchant number. */
    public static final String ALLINPAY_RSA_CUSID = AllinpayTestKeys.CUSID;
    /** The Allinpay merchant that signs SM2. */
    public static final String ALLINPAY_SM2_APPID = "00000889";
    /** Its merchant number. */
    public static final String ALLINPAY_SM2_CUSID = "990000000000889";
    /** Rows in the history of the first of {@link #allinpayComplaintIds()}. */
    public static final int ALLINPAY_LONG_HISTORY = 250;
    /** Xiaoe's app id in the sandbox. */
    public static final String XIAOE_APP_ID = "app_sandbox_7f3a9c21";
    /** Xiaoe's client id in the sandbox. */
    public static final String XIAOE_CLIENT_ID = "xop_sandbox_4b8e2d06";
    /** Yima's merchant number in the sandbox (the seed's). */
    public static final String YIMA_ISSPID = "39493002";
    /** Yima's platform number in the sandbox (the seed's). */
    public static final String YIMA_SYSTEM_ID = "8888";
    /** Yima's collecting account in the sandbox (the seed's). */
    public static final String YIMA_SELLER_ACCOUNT = "66660000000000001";
    /** The highest base port: the simulators take {@code N..N+3}. */
    public static final int MAX_BASE_PORT = 65_535 - 3;

    /** A merchant action on a complaint: {@code POST …/complaints-v2/{id}/<action>}. */
    private static final Pattern WECHATPAY_ACTION = Pattern.compile(
            Pattern.quote(WechatPaySimulator.COMPLAINTS_PATH) + "/([^/]+)/(response|response-immediate-service|complete|update-refund-progress)");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SimulatorServer> started = new ArrayList<>();
    private final String xiaoeSecret = "xs_" + randomHex(16);
    private final String yimaSecret = "ys_" + randomHex(16);
    private final ComplaintStore yimaStore = ComplaintStore.create();
    private final ComplaintStore allinpayStore = ComplaintStore.create();
    private AllinpaySimulator allinpay;
    private XiaoeSimulator xiaoe;
    private YimaSimulator yima;
    private WechatPaySimulator wechatpay;
    private final List<String> wechatpayIds = new ArrayList<>();
    private volatile URI notifyTarget;
    private volatile Consumer<WechatPaySimulator.DeliveryResult> onDelivery = r -> {};
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "complaintkit-sandbox-notify");
        t.setDaemon(true);
        return t;
    });

    private Sandbox() {}

    /**
     * Starts every simulator.
     *
     * @param basePort 0 for ephemeral ports, or {@code N}: the simulators take {@code N..N+3}
     * @return the running sandbox
     * @throws IllegalArgumentException when the port range is not valid
     * @throws IllegalStateException when a port is taken (nothing is left running)
     */
    public static Sandbox start(int basePort) {
        if (basePort != 0 && (basePort < 1 || basePort > MAX_BASE_PORT)) {
            throw new IllegalArgumentException("the base port must be 0 (ephemeral) or 1.." + MAX_BASE_PORT
                    + " (was " + basePort + ")");
        }
        Sandbox s = new Sandbox();
        try {
            s.seedAllinpay();
            s.allinpay = s.launch(AllinpaySimulator.builder().store(s.allinpayStore)
                    .merchant(ALLINPAY_RSA_APPID, ALLINPAY_RSA_CUSID, "RSA", AllinpayTestKeys.merchantPublicKey("RSA"))
                    .merchant(ALLINPAY_SM2_APPID, ALLINPAY_SM2_CUSID, "SM2", AllinpayTestKeys.merchantPublicKey("SM2"))
                    .build(), basePort, 0);
            s.xiaoe = s.launch(XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet())
                    .credentials(XIAOE_APP_ID, XIAOE_CLIENT_ID, s.xiaoeSecret).build(), basePort, 1);
            s.seedYima();
            s.yima = s.launch(YimaSimulator.builder().isspid(YIMA_ISSPID).systemId(YIMA_SYSTEM_ID)
                    .sellerAccount(YIMA_SELLER_ACCOUNT).secret(s.yimaSecret)
                    .scheme(YimaSimulator.Scheme.MD5_SORTED_KEY).store(s.yimaStore).build(), basePort, 2);
            List<ComplaintSeed> seeds =
                    WechatPayFixtures.sixtyDays(LocalDate.now(WechatPaySimulator.SHANGHAI));
            seeds.forEach(seed -> s.wechatpayIds.add(seed.id()));
            WechatPaySimulator wx = WechatPaySimulator.builder().complaints(seeds).build();
            Dispatcher own = wx.dispatcher();
            wx.dispatcher(request -> s.afterWechatPay(request, own.dispatch(request)));
            s.wechatpay = s.launch(wx, basePort, 3);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private <T extends SimulatorServer> T launch(T simulator, int basePort, int offset) {
        simulator.start(basePort == 0 ? 0 : basePort + offset);
        started.add(simulator);
        return simulator;
    }

    /**
     * After the WeChat Pay simulator handled a merchant action with a 2xx (its answer may still be
     * lost on purpose), sends the notification WeChat Pay sends for it to the target, if one is set,
     * on the sandbox's own thread (never on the server thread answering the request).
     */
    private ScriptedResponse afterWechatPay(RecordedRequest request, ScriptedResponse response) {
        URI target = notifyTarget;
        if (target == null || !"POST".equals(request.method()) || response.status() / 100 != 2) {
            return response;
        }
        Matcher m = WECHATPAY_ACTION.matcher(request.path());
        if (!m.matches()) {
            return response;
        }
        String complaintId = m.group(1);
        String action = switch (m.group(2)) {
            case "complete" -> "MERCHANT_CONFIRM_COMPLETE";
            case "update-refund-progress" -> request.bodyText().contains("\"REJECT\"") ? "MERCHANT_REJECT_REFUND"
                    : "MERCHANT_APPROVE_REFUND";
            default -> "MERCHANT_RESPONSE";
        };
        Consumer<WechatPaySimulator.DeliveryResult> listener = onDelivery;
        notifier.execute(() -> listener.accept(wechatpay.deliver(wechatpay.notification(complaintId, action), target)));
        return response;
    }

    /**
     * Sends WeChat Pay's notification of every merchant action the simulator handles from now on
     * (a reply: {@code MERCHANT_RESPONSE}; {@code MERCHANT_CONFIRM_COMPLETE};
     * {@code MERCHANT_APPROVE_REFUND} / {@code MERCHANT_REJECT_REFUND}), signed and encrypted, to a
     * receiver such as {@code complaintkit webhook}; the simulator's scenario hooks
     * ({@link WechatPaySimulator#refundArrives(String)}…) deliver there too. WeChat Pay calls only an
     * HTTPS URL; the sandbox also calls plain HTTP on loopback.
     *
     * @param target where to POST them, or {@code null} to stop
     * @param listener told each delivery's outcome (on the sandbox's notification thread)
     */
    public void notifyWechatPayTo(URI target, Consumer<WechatPaySimulator.DeliveryResult> listener) {
        this.onDelivery = Objects.requireNonNull(listener, "listener");
        this.notifyTarget = target;
        wechatpay.notificationTarget(target);
    }

    /** WeChat complaints with negotiation histories that follow a plausible script; the first is long. */
    private void seedAllinpay() {
        String[] ids = {"200201820240612093015000250", "200201820240615181204000037", "200201820240620110947000008"};
        int[] rows = {ALLINPAY_LONG_HISTORY, 37, 8};
        for (int i = 0; i < ids.length; i++) {
            allinpayStore.addHistory(ids[i], negotiation(ids[i], rows[i],
                    OffsetDateTime.of(2024, 6, 12 + 3 * i, 9, 30, 15, 0, ZoneOffset.ofHours(8))));
        }
    }

    /** One step of a negotiation: operate_type, operator, text, user images, merchant images. */
    private record Turn(String type, String operator, String details, int media, int images) {}

    private static final List<Turn> SCRIPT = List.of(
            new Turn("USER_CREATE_COMPLAINT", "投诉人", "购买的课程无法观看，联系客服无人回复，要求退款", 2, 0),
            new Turn("USER_CREATE_COMPLAINT_SYSTEM_MESSAGE", "系统", "用户提交了投诉，请商户在24小时内回复", 0, 0),
            new Turn("MERCHANT_RESPONSE", "商户", "您好，已收到您的反馈，正在核实课程开通情况，请稍候", 0, 0),
            new Turn("USER_RESPONSE", "投诉人", "已经等了两天，还是打不开第三章", 1, 0),
            new Turn("MERCHANT_RESPONSE", "商户", "抱歉给您带来不便，课程权限已重新开通，请刷新后再试", 0, 1),
            new Turn("USER_CONTINUE_COMPLAINT", "投诉人", "第三章仍无法播放，要求退还一半费用", 0, 0),
            new Turn("USER_CONTINUE_COMPLAINT_SYSTEM_MESSAGE", "系统", "用户继续投诉，请商户及时处理", 0, 0),
            new Turn("MERCHANT_UPLOAD_EVIDENCE", "商户", "上传课程开通记录", 0, 2),
            new Turn("MERCHANT_APPROVE_REFUND", "商户", "同意退款 99.50 元", 0, 0),
            new Turn("COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE", "系统", "商户已退款 99.50 元，原路退回", 0, 0),
            new Turn("USER_APPLY_PLATFORM_HELP", "投诉人", "申请微信支付客服介入", 0, 0),
            new Turn("PLATFORM_RESPONSE", "微信支付客服", "平台已介入，请双方协商一致后处理", 0, 0),
            new Turn("MERCHANT_CONFIRM_COMPLETE", "商户", "已与用户协商一致，处理完成", 0, 0),
            new Turn("USER_SUBMIT_SATISFACTION", "投诉人", "满意", 0, 0));

    /**
     * @return {@code rows} history rows following {@link #SCRIPT} round after round, ten minutes
     *     apart; {@code MERCHANT_UPLOAD_EVIDENCE} is a type WeChat's list does not name (kept raw)
     */
    private static List<NegotiationEntry> negotiation(String complaintId, int rows, OffsetDateTime start) {
        List<NegotiationEntry> history = new ArrayList<>();
        String imageBase = "https://api.mch.weixin.qq.com/v3/merchant-service/images/";
        for (int n = 0; n < rows; n++) {
            Turn turn = SCRIPT.get(n % SCRIPT.size());
            String logId = "3002" + complaintId.substring(4, 22) + String.format("%05d", n); // 27 digits, like WeChat's
            List<Media> media = new ArrayList<>();
            if (turn.media() > 0) {
                List<String> urls = new ArrayList<>();
                for (int k = 0; k < turn.media(); k++) {
                    urls.add(imageBase + logId + "-" + (k + 1));
                }
                media.add(new Media("USER_COMPLAINT_IMAGE", urls));
            }
            List<String> images = new ArrayList<>();
            for (int k = 0; k < turn.images(); k++) {
                images.add(imageBase + logId + "-m" + (k + 1));
            }
            history.add(new NegotiationEntry(logId, turn.operator(), start.plusMinutes(10L * n),
                    OperationType.fromWire(turn.type()), turn.type(), turn.details(), media, images));
        }
        return history;
    }

    /** Complaints Yima accepts replies to: the seed's example id and a few generated WeChat ids. */
    private void seedYima() {
        yimaStore.addHistory("200201820200101080076610000", List.of());
        yimaStore.seed(5, 3);
    }

    /**
     * @return {@link #properties()} with the {@code allinpay.*} keys of the merchant that signs SM2
     */
    public Map<String, String> propertiesSm2() {
        Map<String, String> p = new LinkedHashMap<>(properties());
        p.putAll(allinpaySm2());
        return p;
    }

    private Map<String, String> allinpaySm2() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("allinpay.appid", ALLINPAY_SM2_APPID);
        p.put("allinpay.cusid", ALLINPAY_SM2_CUSID);
        p.put("allinpay.sign-type", "SM2");
        p.put("allinpay.private-key", AllinpayTestKeys.merchantPrivateKey("SM2"));
        p.put("allinpay.platform-public-key", allinpay.platformPublicKey("SM2"));
        return p;
    }

    /**
     * @return every setting a client needs, keys as the providers define them ({@code allinpay.*} for
     *     the merchant that signs RSA, {@code xiaoe.*}, {@code yima.*}, {@code wechatpay.*}), in a
     *     stable order; includes the secrets; WeChat Pay's keys are PEM, several lines each
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("allinpay.endpoint", allinpay.endpoint().toString());
        p.put("allinpay.appid", ALLINPAY_RSA_APPID);
        p.put("allinpay.cusid", ALLINPAY_RSA_CUSID);
        p.put("allinpay.sign-type", "RSA");
        p.put("allinpay.private-key", AllinpayTestKeys.merchantPrivateKey("RSA"));
        p.put("allinpay.platform-public-key", allinpay.platformPublicKey("RSA"));
        p.put("xiaoe.endpoint", xiaoe.baseUri().toString());
        p.put("xiaoe.app-id", XIAOE_APP_ID);
        p.put("xiaoe.client-id", XIAOE_CLIENT_ID);
        p.put("xiaoe.secret-key", xiaoeSecret);
        p.put("yima.endpoint", yima.endpoint().toString());
        p.put("yima.isspid", YIMA_ISSPID);
        p.put("yima.system-id", YIMA_SYSTEM_ID);
        p.put("yima.seller-account", YIMA_SELLER_ACCOUNT);
        p.put("yima.secret", yimaSecret);
        p.put("yima.format", "json");
        p.put("yima.sign-scheme", "MD5_SORTED_KEY");
        p.put("wechatpay.endpoint", wechatpay.baseUri().toString());
        p.put("wechatpay.mchid", WechatPayTestKeys.MCHID);
        p.put("wechatpay.merchant-serial", WechatPayTestKeys.MERCHANT_SERIAL);
        p.put("wechatpay.private-key", WechatPayTestKeys.merchantPrivateKey().strip());
        p.put("wechatpay.api-v3-key", WechatPayTestKeys.API_V3_KEY);
        p.put("wechatpay.platform-public-key-id", WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
        p.put("wechatpay.platform-public-key", WechatPayTestKeys.platformPublicKey().strip());
        return p;
    }

    /**
     * @return {@link #properties()} as a ready-to-use properties file, with comments saying what runs
     *     where and commands to try; it contains the generated secrets
     */
    public String propertiesText() {
        Map<String, String> p = properties();
        StringBuilder sb = new StringBuilder();
        sb.append("# complaintkit sandbox: simulated providers on loopback, seeded with test data.\n");
        sb.append("# Keys and secrets below are throw-away values known only to the simulators.\n");
        section(sb, p, "allinpay", "Allinpay (negotiation history), the merchant that signs RSA; complaints:\n#   "
                + String.join(", ", ids(allinpayComplaintIds(), 3)));
        sb.append("# The merchant that signs SM2 instead:\n");
        allinpaySm2().forEach((k, v) -> sb.append("#").append(k).append('=').append(v).append('\n'));
        section(sb, p, "xiaoe", "Xiaoe-tech (list complaints): " + xiaoe.store().complaints().size()
                + " complaints, token endpoint " + xiaoe.baseUri() + XiaoeSimulator.TOKEN_PATH);
        section(sb, p, "yima", "Yima (reply): the gateway takes JSON, or GBK XML with yima.format=xml; complaints:\n#   "
                + String.join(", ", ids(yimaComplaintIds(), 3)) + ", ...");
        section(sb, p, "wechatpay", "WeChat Pay (the whole complaint API): " + wechatpayIds.size()
                + " complaints over the last 60 days, e.g.\n#   " + String.join(", ", wechatpayIds.subList(0, 3))
                + ", ...\n# The keys are PEM, inline; or keep them in files: wechatpay.private-key=@apiclient_key.pem");
        sb.append("\n# Try:\n");
        sb.append("#   complaintkit --config FILE history --provider allinpay --complaint ")
                .append(allinpayComplaintIds().get(0)).append(" --max 20\n");
        sb.append("#   complaintkit --config FILE list --provider xiaoe --state pending --max 5\n");
        sb.append("#   complaintkit --config FILE reply --provider yima --complaint ").append(yimaComplaintIds().get(0))
                .append(" \\\n#       --text '已为您办理退款' --image file752398_7983424"
                        + " --jump-url https://shop.example.com/order/1 --jump-text 查看订单\n");
        LocalDate today = LocalDate.now(WechatPaySimulator.SHANGHAI);
        sb.append("#   complaintkit --config FILE list --provider wechatpay --from ").append(today.minusDays(59))
                .append(" --to ").append(today).append('\n');
        sb.append("#   complaintkit --config FILE detail --provider wechatpay --complaint ").append(wechatpayIds.get(0))
                .append(" --reveal-phone\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, Map<String, String> p, String prefix, String comment) {
        sb.append("\n# ").append(comment).append('\n');
        p.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                sb.append(k).append('=').append(propertyValue(v)).append('\n');
            }
        });
    }

    /**
     * @param value a setting's value
     * @return it as a properties file value: {@code \} doubled, a value of several lines (a PEM key)
     *     as {@code \n} and a continuation line each, so {@link java.util.Properties#load} reads it back
     *     exactly
     */
    static String propertyValue(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n\\\n    ");
    }

    private static List<String> ids(List<ComplaintId> ids, int max) {
        return ids.stream().limit(max).map(ComplaintId::value).toList();
    }

    /** @return the secrets and private keys of this sandbox's config (for tests proving they are never printed) */
    public List<String> secrets() {
        return List.of(xiaoeSecret, yimaSecret, AllinpayTestKeys.merchantPrivateKey("RSA"),
                AllinpayTestKeys.merchantPrivateKey("SM2"), WechatPayTestKeys.API_V3_KEY,
                WechatPayTestKeys.merchantPrivateKey().strip());
    }

    /** @return the Allinpay simulator */
    public AllinpaySimulator allinpay() {
        return allinpay;
    }

    /** @return the complaints the Allinpay simulator has histories of, the longest first */
    public List<ComplaintId> allinpayComplaintIds() {
        return allinpayStore.complaints().stream().map(c -> c.id()).toList();
    }

    /** @return the Xiaoe-tech simulator */
    public XiaoeSimulator xiaoe() {
        return xiaoe;
    }

    /** @return the Yima simulator */
    public YimaSimulator yima() {
        return yima;
    }

    /** @return the WeChat Pay simulator */
    public WechatPaySimulator wechatpay() {
        return wechatpay;
    }

    /** @return the WeChat Pay simulator's complaints, newest first (indexes as in {@link WechatPayFixtures}) */
    public List<String> wechatpayComplaintIds() {
        return List.copyOf(wechatpayIds);
    }

    /** @return the complaints the Yima simulator accepts replies to */
    public List<ComplaintId> yimaComplaintIds() {
        return yimaStore.complaints().stream().map(c -> c.id()).toList();
    }

    /** @return the simulators' base URIs by provider id */
    public Map<String, URI> endpoints() {
        Map<String, URI> m = new LinkedHashMap<>();
        m.put("allinpay", allinpay.baseUri());
        m.put("xiaoe", xiaoe.baseUri());
        m.put("yima", yima.baseUri());
        m.put("wechatpay", wechatpay.baseUri());
        return m;
    }

    /** Stops every simulator. */
    @Override
    public void close() {
        notifier.shutdownNow();
        for (SimulatorServer s : started) {
            s.close();
        }
        started.clear();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "Sandbox" + (started.isEmpty() ? "[stopped]" : started.toString());
    }
}
