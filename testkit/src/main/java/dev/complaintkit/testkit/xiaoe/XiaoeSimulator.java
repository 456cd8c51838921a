/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of Xiaoe-tech's open API, for tests: the token endpoint, the B-side complaint list
 * and the two detail endpoints, on an ephemeral loopback port, serving complaints from a
 * {@link ComplaintStore}.
 *
 * <ul>
 *   <li>{@code GET /token?app_id&client_id&secret_key&grant_type=client_credential} issues a token
 *       that lives {@link Builder#tokenLifetime(Duration) tokenLifetime} (default 7200 s); issuing a
 *       new one retires the previous ones after a grace (default 5 min), as Xiaoe does. Errors:
 *       2001/2002 app_id missing/invalid (also for a missing or wrong client_id), 2003/2004
 *       secret_key missing/wrong, 2005 grant_type missing or not {@code client_credential}, 2053
 *       more than 100 token requests per 10 minutes.</li>
 *   <li>{@code POST} {@value #LIST_PATH} with a JSON body: 2007 without {@code access_token}, 2008 for
 *       an expired or unknown one, 2053 beyond {@link Builder#rateLimit(int, Duration) the rate
 *       limit} (default 500 per sliding 10 s, counting every call with a valid token); otherwise
 *       {@code {code:0, data:{list, total}, msg}} with rows in the seed's exact shape, filtered by
 *       {@code state}, {@code channel_type}, {@code is_overtime}, {@code start_time}/{@code end_time}
 *       (inclusive) and {@code complaint_id}, newest first, paged by {@code page}/{@code page_size}
 *       (defaults 1 and 10). A malformed body or parameter is answered with code 400 (the
 *       simulator's own choice: Xiaoe documents no code for it).</li>
 *   <li>{@code POST} {@value #INFO_PATH} ({@code access_token}, {@code complaint_id}: a Xiaoe id): the
 *       stored complaint in the info shape — {@code current_step} numbered as this endpoint numbers it
 *       (1 consumer complaint, 2 merchant reply, 3 consumer reply, 4 entered by Xiaoe, 5 imported, 6 closed
 *       by Xiaoe), {@code sub_mch_id} for WeChat-channel complaints, and the complaint's history as
 *       {@code reply_list} ({@code reply_from} 1 consumer / 2 merchant / 3 Xiaoe, {@code reply_content},
 *       {@code reply_time}, {@code reply_images}); its own budget (default 500 per 10 s).</li>
 *   <li>{@code POST} {@value #PASS_THROUGH_PATH} ({@code access_token}, {@code id}: WeChat's complaint
 *       number, {@code sub_mch_id}): a WeChat-channel complaint in WeChat Pay's detail shape; its own budget
 *       (default 60 per minute). An unknown complaint is {@value #CODE_NOT_FOUND} (the simulator's own code),
 *       a {@code sub_mch_id} that is not the complaint's 400.</li>
 *   <li>Another path: code 2052; a wrong method: 2055.</li>
 * </ul>
 *
 * <p>The simulator is its own {@link Dispatcher}: a table of endpoints (path → method and handler),
 * then the provider fault the request carries ({@link RecordedRequest#fault()}) applied to the
 * endpoint's answer. Its one-shot probes follow the scheme of {@link SimulatorServer}:
 * {@code next<Fault>()} injects that provider fault into the next request ({@link #nextThrottled()},
 * {@link #nextUnknownFields()}, {@link #nextTinyExponentNumbers()}, {@link #nextOversizedPage()},
 * {@link #nextSecretEchoedEncoded()}); {@link #nextError(int, String)} and
 * {@link #nextTokenError(int, String)} queue an error for the next list call / token request.
 *
 * <pre>{@code
 * XiaoeSimulator sim = XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet()).build().start();
 * sim.injectApiError(2053, "调用次数已达上限");   // script a fault for the next list call
 * ... exercise a client pointed at sim.baseUri() with XiaoeSimulator.APP_ID / CLIENT_ID / SECRET_KEY ...
 * assertThat(sim.tokenRequestCount()).isEqualTo(1);
 * }</pre>
 */
public final class XiaoeSimulator extends SimulatorServer implements Dispatcher {
    /** The token endpoint's path. */
    public static final String TOKEN_PATH = "/token";
    /** The complaint list's path. */
    public static final String LIST_PATH = "/xe.pay_through.complaint_record.xe.b_complaints.list/1.0.0";
    /** Xiaoe's own complaint detail ({@code xe.complaint.info.get}): Xiaoe ids, with the reply list. */
    public static final String INFO_PATH = "/xe.complaint.info.get/1.0.0";
    /** The WeChat Pay pass-through detail: WeChat's complaint number and {@code sub_mch_id}. */
    public static final String PASS_THROUGH_PATH = "/xe.pay_through.complaint_record.detail/1.0.0";
    /** The {@code sub_mch_id} of a WeChat-channel complaint whose extra names none. */
    public static final String DEFAULT_SUB_MCH_ID = "1900000109";
    /** The simulator's own code for a complaint it does not hold (Xiaoe documents none). */
    public static final int CODE_NOT_FOUND = 3001;
    /** The app id the simulator accepts unless told otherwise. */
    public static final String APP_ID = "app_sim_1a2b3c4d";
    /** The client id the simulator accepts unless told otherwise. */
    public static final String CLIENT_ID = "xop_sim_5e6f7a8b";
    /** The secret key the simulator accepts unless told otherwise. */
    public static final String SECRET_KEY = "sim-secret-9c0d1e2f3a4b5c6d7e8f";

    /**
     * One complaint-list call the simulator answered itself (scripted answers are not included).
     *
     * @param at when it was counted, by the simulator's clock
     * @param code the code it answered with (0, 2007, 2008, 2053, an injected code, …)
     */
    public record ApiCall(Instant at, int code) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ComplaintStore store;
    private final String appId;
    private final String clientId;
    private final String secretKey;
    private final Duration tokenLifetime;
    private final Duration retireGrace;
    private final int rateLimit;
    private final Duration rateWindow;
    private final int tokenRateLimit;
    private final Duration tokenRateWindow;
    private final Duration tokenLatency;
    private final Clock clock;

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final ArrayDeque<Instant> tokenWindow = new ArrayDeque<>();
    private final Object rateLock = new Object();
    private final ArrayDeque<Instant> apiWindow = new ArrayDeque<>();
    private final List<ApiCall> apiCalls = new ArrayList<>();
    private final ConcurrentLinkedQueue<Injected> apiFaults = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Injected> tokenFaults = new ConcurrentLinkedQueue<>();
    private volatile RowCache rowCache = new RowCache(List.of(), List.of());

    private record Injected(int code, String msg) {}

    /** One endpoint: the method it accepts and what answers it. */
    private record Endpoint(String method, Dispatcher handler) {}

    private final Map<String, Endpoint> endpoints;
    /** Per detail path: its limit, window and the times of the calls inside the window. */
    private final Map<String, Budget> detailBudgets;
    private final Map<String, List<ApiCall>> detailCalls = new ConcurrentHashMap<>();

    private record Budget(int limit, Duration window, ArrayDeque<Instant> times) {}

    private record RowCache(List<Complaint> source, List<ObjectNode> rows) {}

    private XiaoeSimulator(Builder b) {
        super("xiaoe-simulator", b.clock);
        this.store = b.store;
        this.appId = b.appId;
        this.clientId = b.clientId;
        this.secretKey = b.secretKey;
        this.tokenLifetime = b.tokenLifetime;
        this.retireGrace = b.retireGrace;
        this.rateLimit = b.rateLimit;
        this.rateWindow = b.rateWindow;
        this.tokenRateLimit = b.tokenRateLimit;
        this.tokenRateWindow = b.tokenRateWindow;
        this.tokenLatency = b.tokenLatency;
        this.clock = b.clock;
        this.endpoints = Map.of(TOKEN_PATH, new Endpoint("GET", this::token), LIST_PATH, new Endpoint("POST", this::list),
                INFO_PATH, new Endpoint("POST", r -> detailCall(r, this::info)),
                PASS_THROUGH_PATH, new Endpoint("POST", r -> detailCall(r, this::passThrough)));
        this.detailBudgets = Map.of(INFO_PATH, new Budget(b.infoRateLimit, b.infoRateWindow, new ArrayDeque<>()),
                PASS_THROUGH_PATH, new Budget(b.passThroughRateLimit, b.passThroughRateWindow, new ArrayDeque<>()));
        dispatcher(this);
    }

    /** @return a builder: empty store, the default credentials, Xiaoe's limits */
    public static Builder builder() {
        return new Builder();
    }

    /** @param store the complaints to serve @return a simulator with every other setting at its default (not started) */
    public static XiaoeSimulator create(ComplaintStore store) {
        return builder().store(store).build();
    }

    /** Starts on an ephemeral loopback port. @return this */
    @Override
    public XiaoeSimulator start() {
        super.start();
        return this;
    }

    /** @return the store served (shared, not copied) */
    public ComplaintStore store() {
        return store;
    }

    /** @return how many token requests arrived (answered by the simulator itself) */
    public int tokenRequestCount() {
        return tokenRequests.get();
    }

    /** @return the tokens currently valid (they are secrets: tests use them to prove nothing leaks) */
    public List<String> validTokens() {
        Instant now = clock.instant();
        return tokens.entrySet().stream().filter(e -> now.isBefore(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** Makes every issued token expire now: the next call with one is answered 2008. */
    public void expireTokens() {
        tokens.clear();
    }

    /**
     * Answers the next complaint-list call with an error instead of handling it (after it is logged).
     *
     * @param code Xiaoe's code, e.g. 2053, 2017, 2008, 1001
     * @param msg its message
     */
    public void injectApiError(int code, String msg) {
        apiFaults.add(new Injected(code, msg));
    }

    /** @param code Xiaoe's code @param msg its message: the next token request is answered with it */
    public void injectTokenError(int code, String msg) {
        tokenFaults.add(new Injected(code, msg));
    }

    /**
     * Same as {@link #injectApiError(int, String)}.
     *
     * @param code Xiaoe's code, e.g. 2053, 2017, 2008, 1001
     * @param msg its message
     */
    public void nextError(int code, String msg) {
        injectApiError(code, msg);
    }

    /** @param code Xiaoe's code @param msg its message: the next token request is answered with it; same as {@link #injectTokenError} */
    public void nextTokenError(int code, String msg) {
        injectTokenError(code, msg);
    }

    /** The next request meets {@link Fault#THROTTLED}: the next list call is answered 2053. */
    public void nextThrottled() {
        inject(Fault.THROTTLED);
    }

    /** The next request meets {@link Fault#UNKNOWN_FIELDS}: its answer carries new fields at every level. */
    public void nextUnknownFields() {
        inject(Fault.UNKNOWN_FIELDS);
    }

    /** The next request meets {@link Fault#TINY_EXPONENT_NUMBERS}: every scalar in its answer's data is {@code 1e-999999999}. */
    public void nextTinyExponentNumbers() {
        inject(Fault.TINY_EXPONENT_NUMBERS);
    }

    /** The next request meets {@link Fault#OVERSIZED_PAGE}: a list answer with more rows than asked for. */
    public void nextOversizedPage() {
        inject(Fault.OVERSIZED_PAGE);
    }

    /** The next request meets {@link Fault#SECRET_ECHOED_ENCODED}: code 400 echoing the request's secret, encoded. */
    public void nextSecretEchoedEncoded() {
        inject(Fault.SECRET_ECHOED_ENCODED);
    }

    /** @return every complaint-list call the simulator answered itself, in the order it counted them */
    public List<ApiCall> apiCalls() {
        synchronized (rateLock) {
            return List.copyOf(apiCalls);
        }
    }

    /**
     * @param path {@link #INFO_PATH} or {@link #PASS_THROUGH_PATH}
     * @return every call of that detail endpoint the simulator answered itself, in order
     */
    public List<ApiCall> detailCalls(String path) {
        List<ApiCall> calls = detailCalls.get(path);
        if (calls == null) {
            return List.of();
        }
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** @return how many list calls were answered 2053 because of the rate limit */
    public int rateLimitedCount() {
        return (int) apiCalls().stream().filter(c -> c.code() == 2053).count();
    }

    /**
     * @param times instants, in any order
     * @param window the window length
     * @return the largest number of the instants inside any window {@code [t, t + window)}
     */
    public static int busiestWindow(List<Instant> times, Duration window) {
        List<Instant> sorted = times.stream().sorted().toList();
        int best = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plus(window).isAfter(sorted.get(last))) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

    @Override
    protected java.util.Set<Fault> providerFaults() {
        return java.util.EnumSet.of(Fault.THROTTLED, Fault.UNKNOWN_FIELDS, Fault.TINY_EXPONENT_NUMBERS,
                Fault.OVERSIZED_PAGE, Fault.SECRET_ECHOED_ENCODED);
    }

    /**
     * Xiaoe's server side: the endpoint of the request's path answers it, then the provider fault the
     * request carries changes the answer.
     *
     * <p>THROTTLED: Xiaoe's 2053 on the next list call (this request's when it is one); UNKNOWN_FIELDS: the normal answer with new fields at
     * every level; TINY_EXPONENT_NUMBERS: the normal answer with every scalar inside {@code data} (row
     * fields, {@code total}, a token's fields) replaced by the number {@code 1e-999999999};
     * OVERSIZED_PAGE: a list answer that ignores {@code page_size}, with more rows than asked for (rows
     * repeat when the store has too few); SECRET_ECHOED_ENCODED: code 400 whose message echoes the
     * request's secret ({@code secret_key} of a token request, {@code access_token} of a list call) with
     * every byte percent-encoded in lower-case hex, and in Base64 (the endpoint does not answer).
     *
     * @param request the request
     * @return the answer
     */
    @Override
    public ScriptedResponse dispatch(RecordedRequest request) {
        Fault fault = request.fault().orElse(null);
        if (fault == Fault.SECRET_ECHOED_ENCODED) {
            return secretEchoed(request);
        }
        if (fault == Fault.THROTTLED) {
            apiFaults.add(new Injected(2053, "调用次数已达上限"));
        }
        ScriptedResponse normal = route(request);
        if (fault == null) {
            return normal;
        }
        return switch (fault) {
            case UNKNOWN_FIELDS -> withUnknownFields(normal, request);
            case TINY_EXPONENT_NUMBERS -> withTinyExponents(normal);
            case OVERSIZED_PAGE -> oversizedPage(normal, request);
            default -> normal;
        };
    }

    private ScriptedResponse route(RecordedRequest request) {
        Endpoint endpoint = endpoints.get(request.path());
        if (endpoint == null) {
            return answer(2052, "接口不存在", null);
        }
        if (!request.method().equals(endpoint.method())) {
            return answer(2055, "请求方式错误", null);
        }
        return endpoint.handler().dispatch(request);
    }

    private static ScriptedResponse withUnknownFields(ScriptedResponse normal, RecordedRequest request) {
        try {
            JsonNode root = JSON.readTree(normal.body());
            if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("request_id", "sim-" + request.sequence());
                o.putObject("trace").put("span", "extra");
                JsonNode data = o.get("data");
                if (data instanceof com.fasterxml.jackson.databind.node.ObjectNode d) {
                    d.put("has_more", true);
                    JsonNode list = d.get("list");
                    if (list != null) {
                        list.forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row)
                                .put("refund_amount", 1200).putArray("tags").add("新字段"));
                    }
                }
            }
            return ScriptedResponse.json(normal.status(), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number the tiny-exponent fault writes: written out in full it would be a billion characters. */
    static final String TINY_NUMBER = "1e-999999999";
    private static final String TINY_PLACEHOLDER = "__tiny_exponent_number__";

    private static ScriptedResponse withTinyExponents(ScriptedResponse normal) {
        try {
            JsonNode root = JSON.readTree(normal.body());
            if (root instanceof ObjectNode o && o.get("data") instanceof ObjectNode data) {
                replaceScalars(data);
            }
            // Jackson's writer would not keep a number's text; the placeholder string becomes the bare number
            String json = JSON.writeValueAsString(root).replace(JSON.writeValueAsString(TINY_PLACEHOLDER), TINY_NUMBER);
            return ScriptedResponse.json(normal.status(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replaceScalars(JsonNode container) {
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                if (child.isContainerNode()) {
                    replaceScalars(child);
                } else {
                    o.put(name, TINY_PLACEHOLDER);
                }
            }
        } else if (container instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isContainerNode()) {
                    replaceScalars(a.get(i));
                } else {
                    a.set(i, JSON.getNodeFactory().textNode(TINY_PLACEHOLDER));
                }
            }
        }
    }

    /** A list call answered as if {@code page_size} were not there: more rows than asked for. */
    private ScriptedResponse oversizedPage(ScriptedResponse normal, RecordedRequest request) {
        try {
            JsonNode root = JSON.readTree(normal.body());
            JsonNode body = request.path().equals(LIST_PATH) ? JSON.readTree(request.body()) : null;
            if (body != null && root.get("data") instanceof ObjectNode data && data.get("list") instanceof ArrayNode list
                    && !list.isEmpty()) {
                long asked = Math.max(1, number(body.get("page_size"), 10, "page_size"));
                List<ObjectNode> all = rows();
                for (int i = 0; list.size() <= asked; i++) {
                    list.add(all.isEmpty() ? list.get(i % list.size()).deepCopy() : all.get(i % all.size()).deepCopy());
                }
            }
            return ScriptedResponse.json(normal.status(), JSON.writeValueAsString(root));
        } catch (IOException | IllegalArgumentException e) {
            return normal;
        }
    }

    /** Code 400, its message echoing the request's secret encoded two ways (as a careless gateway might). */
    private ScriptedResponse secretEchoed(RecordedRequest request) {
        String secret;
        String name;
        if (request.path().equals(TOKEN_PATH)) {
            name = "secret_key";
            secret = request.queryParameters().getOrDefault("secret_key", "");
        } else {
            name = "access_token";
            JsonNode body;
            try {
                body = JSON.readTree(request.body());
            } catch (IOException e) {
                body = null;
            }
            secret = body == null ? "" : Objects.requireNonNullElse(text(body.get("access_token")), "");
        }
        byte[] utf8 = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder();
        for (byte b : utf8) {
            encoded.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return answer(400, "请求参数错误: " + name + "=" + encoded + " (base64 "
                + java.util.Base64.getEncoder().encodeToString(utf8) + ")", null);
    }

    private ScriptedResponse token(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        pause(tokenLatency);
        Injected fault = tokenFaults.poll();
        if (fault != null) {
            return answer(fault.code(), fault.msg(), null);
        }
        Map<String, String> q = request.queryParameters();
        String app = q.getOrDefault("app_id", "");
        String client = q.getOrDefault("client_id", "");
        String secret = q.getOrDefault("secret_key", "");
        String grant = q.getOrDefault("grant_type", "");
        if (app.isBlank()) {
            return answer(2001, "app_id不能为空", null);
        }
        if (!app.equals(appId) || !client.equals(clientId)) {
            return answer(2002, "app_id或client_id无效", null);
        }
        if (secret.isBlank()) {
            return answer(2003, "secret_key不能为空", null);
        }
        if (!secret.equals(secretKey)) {
            return answer(2004, "secret_key错误", null);
        }
        if (!grant.equals("client_credential")) {
            return answer(2005, "grant_type缺失或错误", null);
        }
        Instant now = clock.instant();
        synchronized (tokenWindow) {
            while (!tokenWindow.isEmpty() && !tokenWindow.peekFirst().plus(tokenRateWindow).isAfter(now)) {
                tokenWindow.pollFirst();
            }
            if (tokenWindow.size() >= tokenRateLimit) {
                return answer(2053, "获取token次数已达上限", null);
            }
            tokenWindow.addLast(now);
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String token = "xe_" + HexFormat.of().formatHex(raw);
        Instant retire = now.plus(retireGrace);
        tokens.replaceAll((t, exp) -> exp.isAfter(retire) ? retire : exp);
        tokens.put(token, Duration.between(now, Instant.MAX).compareTo(tokenLifetime) <= 0 ? Instant.MAX : now.plus(tokenLifetime));
        ObjectNode data = JSON.createObjectNode();
        data.put("access_token", token);
        data.put("expires_in", tokenLifetime.toSeconds());
        return answer(0, "success", data);
    }

    private ScriptedResponse list(RecordedRequest request) {
        return authorized(request, code -> log(clock.instant(), code), body -> {
            synchronized (rateLock) {
                Instant now = clock.instant();
                while (!apiWindow.isEmpty() && !apiWindow.peekFirst().plus(rateWindow).isAfter(now)) {
                    apiWindow.pollFirst();
                }
                boolean over = apiWindow.size() >= rateLimit;
                apiWindow.addLast(now);
                apiCalls.add(new ApiCall(now, over ? 2053 : 0));
                if (over) {
                    return answer(2053, "调用次数已达上限", null);
                }
            }
            return page(body);
        });
    }

    /**
     * What every API call goes through first: an injected error, a JSON object body, a valid
     * {@code access_token}; then {@code then} answers (its budget, its handler).
     *
     * @param log records a call answered here with its code
     */
    private ScriptedResponse authorized(RecordedRequest request, java.util.function.IntConsumer log,
            java.util.function.Function<JsonNode, ScriptedResponse> then) {
        Injected injected = apiFaults.poll();
        if (injected != null) {
            log.accept(injected.code());
            return answer(injected.code(), injected.msg(), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return answer(400, "请求体不是合法的JSON", null);
        }
        String token = text(body.get("access_token"));
        if (token == null || token.isBlank()) {
            log.accept(2007);
            return answer(2007, "access_token不能为空", null);
        }
        Instant expires = tokens.get(token);
        if (expires == null || !clock.instant().isBefore(expires)) {
            log.accept(2008);
            return answer(2008, "access_token已过期或不存在", null);
        }
        return then.apply(body);
    }

    // ------------------------------------------------------------------ the detail endpoints

    /** A call of a detail endpoint: what every call goes through, the endpoint's own budget, then the handler. */
    private ScriptedResponse detailCall(RecordedRequest request, java.util.function.Function<JsonNode, ScriptedResponse> handler) {
        String path = request.path();
        return authorized(request, code -> logDetail(path, clock.instant(), code), body -> {
            Budget budget = detailBudgets.get(path);
            synchronized (budget) {
                Instant now = clock.instant();
                while (!budget.times().isEmpty() && !budget.times().peekFirst().plus(budget.window()).isAfter(now)) {
                    budget.times().pollFirst();
                }
                boolean over = budget.times().size() >= budget.limit();
                budget.times().addLast(now);
                logDetail(path, now, over ? 2053 : 0);
                if (over) {
                    return answer(2053, "调用次数已达上限", null);
                }
            }
            return handler.apply(body);
        });
    }

    private void logDetail(String path, Instant at, int code) {
        List<ApiCall> calls = detailCalls.computeIfAbsent(path, k -> new ArrayList<>());
        synchronized (calls) {
            calls.add(new ApiCall(at, code));
        }
    }

    /** {@code xe.complaint.info.get}: the stored complaint by its Xiaoe id, with its history as {@code reply_list}. */
    private ScriptedResponse info(JsonNode body) {
        String id = text(body.get("complaint_id"));
        if (id == null || id.isBlank()) {
            return answer(400, "complaint_id不能为空", null);
        }
        Complaint c = store.find(dev.complaintkit.model.ComplaintId.of(id)).orElse(null);
        if (c == null) {
            return answer(CODE_NOT_FOUND, "投诉单不存在", null);
        }
        List<dev.complaintkit.model.NegotiationEntry> history = store.history(c.id()).orElse(List.of());
        return answer(0, "操作成功", XiaoeRows.toInfo(JSON, c, appId, history));
    }

    /** {@code xe.pay_through.complaint_record.detail}: WeChat Pay's detail by WeChat's id and {@code sub_mch_id}. */
    private ScriptedResponse passThrough(JsonNode body) {
        String id = text(body.get("id"));
        String sub = text(body.get("sub_mch_id"));
        if (id == null || id.isBlank() || sub == null || sub.isBlank()) {
            return answer(400, "id和sub_mch_id不能为空", null);
        }
        for (Complaint c : store.complaints()) {
            if (c.channel() == dev.complaintkit.model.Channel.WECHAT_PAY && XiaoeRows.wechatId(c).equals(id)) {
                if (!XiaoeRows.subMchId(c).equals(sub)) {
                    return answer(400, "sub_mch_id与投诉单不匹配", null);
                }
                return answer(0, "操作成功", XiaoeRows.toWechatDetail(JSON, c, store.history(c.id()).orElse(List.of())));
            }
        }
        return answer(CODE_NOT_FOUND, "投诉单不存在", null);
    }

    private void log(Instant at, int code) {
        synchronized (rateLock) {
            apiCalls.add(new ApiCall(at, code));
        }
    }

    private ScriptedResponse page(JsonNode body) {
        long page;
        long size;
        Integer state;
        long channel;
        long overtime;
        LocalDateTime from;
        LocalDateTime to;
        try {
            page = Math.max(1, number(body.get("page"), 1, "page"));
            size = Math.max(1, number(body.get("page_size"), 10, "page_size"));
            String s = text(body.get("state"));
            state = s == null || s.isBlank() ? null : (int) number(body.get("state"), 0, "state");
            channel = number(body.get("channel_type"), 0, "channel_type");
            overtime = number(body.get("is_overtime"), 0, "is_overtime");
            from = time(body.get("start_time"), "start_time");
            to = time(body.get("end_time"), "end_time");
        } catch (IllegalArgumentException e) {
            return answer(400, "参数错误: " + e.getMessage(), null);
        }
        String complaintId = text(body.get("complaint_id"));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode row : rows()) {
            LocalDateTime at = LocalDateTime.parse(row.get("complaint_time").asText(), XiaoeRows.TIME);
            if ((state == null || row.get("state").asLong() == state)
                    && (channel == 0 || row.get("channel_type").asLong() == channel)
                    && (overtime == 0 || row.get("is_overtime").asLong() == overtime)
                    && (from == null || !at.isBefore(from))
                    && (to == null || !at.isAfter(to))
                    && (complaintId == null || complaintId.isBlank() || row.get("complaint_id").asText().equals(complaintId))) {
                matching.add(row);
            }
        }
        ArrayNode list = JSON.createArrayNode();
        // a start past the matching rows (however large page and page_size are) is an empty page
        long start = (page - 1) > matching.size() / size ? matching.size() : (page - 1) * size;
        for (long i = start; i < Math.min(matching.size(), start + Math.min(size, matching.size())); i++) {
            list.add(matching.get((int) i).deepCopy());
        }
        ObjectNode data = JSON.createObjectNode();
        data.set("list", list);
        data.put("total", matching.size());
        return answer(0, "操作成功", data);
    }

    /** The store's complaints as rows, newest first (ties in store order); rebuilt when the store changes. */
    private List<ObjectNode> rows() {
        List<Complaint> now = store.complaints();
        RowCache cache = rowCache;
        if (!sameElements(cache.source(), now)) {
            List<ObjectNode> rows = new ArrayList<>();
            for (Complaint c : now) {
                rows.add(XiaoeRows.toRow(JSON, c));
            }
            List<ObjectNode> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing((ObjectNode r) -> r.get("complaint_time").asText()).reversed());
            cache = new RowCache(now, List.copyOf(sorted));
            rowCache = cache;
        }
        return cache.rows();
    }

    private static boolean sameElements(List<Complaint> a, List<Complaint> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static long number(JsonNode n, long fallback, String field) {
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        String t = n.asText().trim();
        if (t.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field);
        }
    }

    private static LocalDateTime time(JsonNode n, String field) {
        String t = text(n);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(t.trim(), XiaoeRows.TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ScriptedResponse answer(int code, String msg, JsonNode data) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", code);
        root.set("data", data == null ? JSON.nullNode() : data);
        root.put("msg", msg);
        try {
            return ScriptedResponse.of(200, "application/json;charset=UTF-8", JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "XiaoeSimulator[" + super.toString() + ", " + store + "]";
    }

    /** Builder for {@link XiaoeSimulator}. */
    public static final class Builder {
        private ComplaintStore store = ComplaintStore.create();
        private String appId = APP_ID;
        private String clientId = CLIENT_ID;
        private String secretKey = SECRET_KEY;
        private Duration tokenLifetime = Duration.ofSeconds(7200);
        private Duration retireGrace = Duration.ofMinutes(5);
        private int rateLimit = 500;
        private Duration rateWindow = Duration.ofSeconds(10);
        private int tokenRateLimit = 100;
        private Duration tokenRateWindow = Duration.ofMinutes(10);
        private Duration tokenLatency = Duration.ZERO;
        private Clock clock = Clock.systemUTC();
        private int infoRateLimit = 500;
        private Duration infoRateWindow = Duration.ofSeconds(10);
        private int passThroughRateLimit = 60;
        private Duration passThroughRateWindow = Duration.ofMinutes(1);

        private Builder() {}

        /** @param limit info calls per window @param window the sliding window (default 500 per 10 s) @return this */
        public Builder infoRateLimit(int limit, Duration window) {
            this.infoRateLimit = limit;
            this.infoRateWindow = Objects.requireNonNull(window);
            return this;
        }

        /** @param limit pass-through detail calls per window @param window the sliding window (default 60 per minute) @return this */
        public Builder passThroughRateLimit(int limit, Duration window) {
            this.passThroughRateLimit = limit;
            this.passThroughRateWindow = Objects.requireNonNull(window);
            return this;
        }

        /** @param store the complaints to serve (shared, not copied) @return this */
        public Builder store(ComplaintStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param appId accepted app id @param clientId accepted client id @param secretKey accepted secret @return this */
        public Builder credentials(String appId, String clientId, String secretKey) {
            this.appId = Objects.requireNonNull(appId);
            this.clientId = Objects.requireNonNull(clientId);
            this.secretKey = Objects.requireNonNull(secretKey);
            return this;
        }

        /** @param lifetime how long an issued token lives (its {@code expires_in}; default 7200 s) @return this */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        /** @param grace how long older tokens stay valid once a new one is issued (default 5 min) @return this */
        public Builder previousTokenGrace(Duration grace) {
            this.retireGrace = Objects.requireNonNull(grace);
            return this;
        }

        /** @param limit list calls per window @param window the sliding window (default 500 per 10 s) @return this */
        public Builder rateLimit(int limit, Duration window) {
            this.rateLimit = limit;
            this.rateWindow = Objects.requireNonNull(window);
            return this;
        }

        /** @param limit token requests per window @param window the window (default 100 per 10 min) @return this */
        public Builder tokenRateLimit(int limit, Duration window) {
            this.tokenRateLimit = limit;
            this.tokenRateWindow = Objects.requireNonNull(window);
            return this;
        }

        /** @param latency how long the token endpoint takes to answer (default none) @return this */
        public Builder tokenLatency(Duration latency) {
            this.tokenLatency = Objects.requireNonNull(latency);
            return this;
        }

        /** @param clock the simulator's clock, for token expiry and rate windows @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** @return the simulator, not started */
        public XiaoeSimulator build() {
            return new XiaoeSimulator(this);
        }
    }
}
