/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.PermitSource;
import dev.complaintkit.Secret;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SharedStateException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import dev.complaintkit.support.HttpAnswers;
import dev.complaintkit.support.Permits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The Xiaoe-tech adapter: lists B-side complaints ({@code xe.b_complaints.list}), reads a complaint's
 * detail ({@code xe.complaint.info.get}, or WeChat Pay's through {@code xe.pay_through.complaint_record.detail})
 * and its negotiation history (the info detail's {@code reply_list}). Every call takes
 * an access token from the shared {@link TokenStore} and a permit of the endpoint's budget from the
 * shared {@link PermitSource} (both from the context's {@link dev.complaintkit.SharedState}, so
 * several JVMs on one distributed state keep one token and one budget); a refused token
 * (2007/2008) is dropped, renewed once and the call repeated once.
 */
public final class XiaoeAdapter implements ProviderAdapter, ListComplaintsPort, ComplaintDetailPort, NegotiationHistoryPort {
    /** Path of the token endpoint, under the configured base. */
    public static final String TOKEN_PATH = "/token";
    /** Path of the B-side complaint list, under the configured base. */
    public static final String LIST_PATH = "/xe.pay_through.complaint_record.xe.b_complaints.list/1.0.0";
    /** Xiaoe's documented token lifetime, used when an answer omits {@code expires_in}. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    /** The longest lifetime a token answer is believed ({@code expires_in} beyond is cut to it): a week. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.xiaoe");
    /** The range of times a filter may name (Xiaoe's {@code yyyy-MM-dd HH:mm:ss} in Shanghai). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    /** The token endpoint's own budget: 100 calls per 10 minutes per app. */
    static final int TOKEN_BUDGET = 100;
    static final Duration TOKEN_WINDOW = Duration.ofMinutes(10);
    /** Added to every shared budget's window, as to the in-JVM limiter's ({@link RateLimiter#SAFETY_MARGIN}). */
    public static final Duration SAFETY_MARGIN = RateLimiter.SAFETY_MARGIN;
    /** The list endpoint's name in its budget. */
    static final String LIST_ENDPOINT = "xe.b_complaints.list";
    /** Path of Xiaoe's own complaint detail, under the configured base. */
    public static final String INFO_PATH = "/xe.complaint.info.get/1.0.0";
    /** Path of the WeChat Pay pass-through complaint detail, under the configured base. */
    public static final String PASS_THROUGH_PATH = "/xe.pay_through.complaint_record.detail/1.0.0";
    static final String INFO_ENDPOINT = "xe.complaint.info.get";
    static final String PASS_THROUGH_ENDPOINT = "xe.pay_through.complaint_record.detail";
    /** The pass-through detail's budget: 60 calls per minute per app (Xiaoe's published limit). */
    static final int PASS_THROUGH_BUDGET = 60;
    static final Duration PASS_THROUGH_WINDOW = Duration.ofMinutes(1);

    private final XiaoeConfig config;
    private final ProviderContext context;
    private final URI listUri;
    private final URI infoUri;
    private final URI passThroughUri;
    private final URI tokenUri;
    private final String account;
    private final String tokenKey;
    private final TokenStore tokens;
    private final PermitSource permits;
    private final LiveClients live;
    private final Duration maxPermitWait;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Removes the secret key, in any encoding, from the token endpoint's messages. */
    private final SecretRedactor secretRedactor;
    /** The redactor of the last access token used (a list call's message may echo it or the secret key). */
    private volatile TokenRedactor tokenRedactor;
    /** The lifetime of the last token this client fetched: the renewal margin is at most half of it. */
    private volatile Duration lastLifetime = DEFAULT_TOKEN_LIFETIME;
    /** The token this client last used (dropped from the store when the last client of its credentials closes). */
    private volatile TokenStore.Token lastToken;
    /** The last failed token fetch: callers that waited for it fail with it instead of fetching again. */
    private volatile FailedFetch lastFailure;

    private record FailedFetch(long atNanos, ComplaintException error) {}

    /**
     * @param config the validated settings
     * @param context transport, clock, time-out and the shared state whose tokens and permits this client uses
     * @throws dev.complaintkit.error.ConfigurationException when live clients of the same app on that
     *     state use another rate limit or window
     */
    public XiaoeAdapter(XiaoeConfig config, ProviderContext context) {
        this.config = config;
        this.context = context;
        String base = config.endpoint().toString().replaceAll("/+$", "");
        this.listUri = URI.create(base + LIST_PATH);
        this.infoUri = URI.create(base + INFO_PATH);
        this.passThroughUri = URI.create(base + PASS_THROUGH_PATH);
        this.tokenUri = URI.create(base + TOKEN_PATH + "?app_id=" + enc(config.appId()) + "&client_id="
                + enc(config.clientId()) + "&secret_key=" + enc(config.secretKey().reveal())
                + "&grant_type=client_credential");
        String endpoint = normalise(config.endpoint());
        this.account = config.appId() + "@" + endpoint;
        // never the secret: its fingerprint tells credential sets of one app apart
        this.tokenKey = "xiaoe:" + account + ":" + config.clientId() + ":" + fingerprint(config.secretKey());
        this.secretRedactor = new SecretRedactor(config.secretKey().reveal());
        this.maxPermitWait = config.rateLimitMaxWait().orElse(context.requestTimeout());
        this.tokens = context.sharedState().tokens();
        this.permits = context.sharedState().permits();
        this.live = LiveClients.of(permits);
        live.register(account, config.appId(), endpoint, tokenKey, config.rateLimit(), config.rateWindow());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String normalise(URI endpoint) {
        String s = endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority().toLowerCase(Locale.ROOT)
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
        return s.replaceAll("/+$", "");
    }

    private static String fingerprint(Secret secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
        return ListCodec.decode(call("list complaints", listUri, LIST_ENDPOINT, config.rateLimit(), config.rateWindow(),
                token -> ListCodec.encode(token, filter, page), p -> ListCodec.read(p, page)), page);
    }

    /**
     * Xiaoe's detail: with a sub-merchant, the WeChat Pay pass-through
     * ({@code xe.pay_through.complaint_record.detail}, the id being WeChat's complaint number and the
     * sub-merchant its {@code sub_mch_id}; 60 calls per minute); without one, Xiaoe's own
     * {@code xe.complaint.info.get} (Xiaoe's id, e.g. {@code c_661a8ad17e191_NjibFUSj}).
     */
    @Override
    public ComplaintDetail detail(ComplaintRef complaint) {
        ComplaintId id = complaint.id();
        if (complaint.subMerchant().isPresent()) {
            String sub = complaint.subMerchant().get();
            JsonNode data = call("WeChat complaint detail", passThroughUri, PASS_THROUGH_ENDPOINT, PASS_THROUGH_BUDGET,
                    PASS_THROUGH_WINDOW, token -> body(token, Map.of("id", id.value(), "sub_mch_id", sub)), DetailCodec::readTree);
            return DetailCodec.wechat(data, id, sub);
        }
        return DetailCodec.info(info("complaint detail", id), id);
    }

    @Override
    public List<Violation> validateDetail(ComplaintRef complaint) {
        List<Violation> v = new ArrayList<>();
        if (complaint != null && complaint.subMerchant().isPresent() && complaint.id() != null
                && !complaint.id().value().chars().allMatch(Character::isDigit)) {
            v.add(new Violation("complaintId", "wechat-id", "must be WeChat Pay's complaint number (digits) when a "
                    + "sub-merchant is given: Xiaoe's pass-through detail takes WeChat's id and sub_mch_id; leave the "
                    + "sub-merchant unset for a Xiaoe id (c_…)"));
        }
        return v;
    }

    /** The negotiation history Xiaoe has: the {@code reply_list} of {@code xe.complaint.info.get}, one call per page. */
    @Override
    public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
        return DetailCodec.history(info("negotiation history", complaint.id()), complaint.id(), page);
    }

    @Override
    public List<Violation> validateHistory(ComplaintRef complaint, PageRequest page) {
        List<Violation> v = new ArrayList<>();
        if (complaint != null && complaint.subMerchant().isPresent()) {
            v.add(new Violation("complaint.subMerchant", "supported", "Xiaoe's history (the reply list of its own "
                    + "detail) takes a Xiaoe id only; leave the sub-merchant unset"));
        }
        return v;
    }

    private JsonNode info(String operation, ComplaintId id) {
        return call(operation, infoUri, INFO_ENDPOINT, config.rateLimit(), config.rateWindow(),
                token -> body(token, Map.of("complaint_id", id.value())), DetailCodec::readTree);
    }

    private static byte[] body(Secret token, Map<String, String> fields) {
        com.fasterxml.jackson.databind.node.ObjectNode body = dev.complaintkit.internal.json.Json.mapper().createObjectNode();
        body.put("access_token", token.reveal());
        fields.forEach(body::put);
        try {
            return dev.complaintkit.internal.json.Json.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // cannot happen for a tree of strings; never leak the token-bearing body
            throw new ComplaintException("[xiaoe] could not write the request body", null, false);
        }
    }

    /**
     * One API call: a token from the shared store, a permit of the endpoint's budget, the exchange through
     * core's pipeline; a refused token (2007/2008) is dropped, renewed once and the call repeated once.
     */
    private <T> T call(String operation, URI uri, String endpoint, int limit, Duration window,
            Function<Secret, byte[]> body, Answers.DataReader<T> reader) {
        if (closed.get()) {
            throw new ComplaintException("[xiaoe] this client is closed; create a new one");
        }
        Duration timeout = context.requestTimeout();
        for (int attempt = 1; ; attempt++) {
            TokenStore.Token token = token(timeout);
            Exchange pipeline = Answers.pipeline(context, operation, window, listRedactor(token.value()), reader);
            byte[] bytes = body.apply(token.value());
            AutoCloseable permit = permit(endpoint, limit, window, maxPermitWait);
            try {
                return Answers.data(pipeline.send("POST", uri, bytes, "application/json"));
            } catch (ProviderException e) {
                if (Answers.tokenRefused(e.code()) && attempt == 1) {
                    tokens.invalidate(tokenKey, token);
                    LOG.log(System.Logger.Level.DEBUG, () -> "[xiaoe] " + operation + ": access token refused (" + e.code()
                            + "); renewing it and repeating the call once");
                    continue;
                }
                throw e;
            } finally {
                release(permit); // both permits keep counting for a window after the exchange ended
            }
        }
    }

    /**
     * Takes a permit of one of this app's budgets, waiting up to {@code maxWait}; nothing is sent without
     * one. The in-JVM limiter of the endpoint gates first, then the shared {@link PermitSource}: both
     * count a permit until a window after its exchange ended (held permits), so the calls Xiaoe
     * receives stay within the budget however long a request waits between grant and arrival — in one
     * JVM and, on a distributed state, across all instances.
     *
     * @return the permits, to close when the exchange has ended
     */
    private AutoCloseable permit(String endpoint, int limit, Duration window, Duration maxWait) {
        long started = System.nanoTime();
        RateLimiter.Permit local = live.limiter(account, endpoint, limit, window).acquire(maxWait);
        try {
            Duration left = maxWait.minusNanos(System.nanoTime() - started);
            PermitSource.Permit shared = Permits.hold(permits, new PermitSource.Budget(Answers.PROVIDER, account, endpoint,
                    limit, window.plus(SAFETY_MARGIN)), left.isNegative() ? Duration.ZERO : left);
            return () -> {
                shared.release();
                local.close();
            };
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private static void release(AutoCloseable permits) {
        try {
            permits.close();
        } catch (Exception e) {
            throw new IllegalStateException("a permit release threw", e); // neither part throws
        }
    }

    /**
     * The app's access token from the shared {@link TokenStore}: reused until the renewal margin before
     * its expiry (at most half its lifetime, so a short-lived token is not renewed on every call), then
     * renewed by one caller among all that share the store. While another caller renews, a token still
     * valid for this call's time-out serves meanwhile (Xiaoe keeps an old token working for 5 minutes
     * after a new one is fetched); without one, the caller waits for the renewal. A failed fetch fails
     * the callers of this client that waited for it; the next call fetches again.
     */
    private TokenStore.Token token(Duration timeout) {
        long started = System.nanoTime();
        Duration half = lastLifetime.dividedBy(2);
        Duration margin = config.tokenRenewalMargin().compareTo(half) > 0 ? half : config.tokenRenewalMargin();
        Function<Optional<TokenStore.Token>, TokenStore.Token> fetch = current -> {
            FailedFetch failed = lastFailure;
            if (failed != null && failed.atNanos() - started >= 0) {
                throw failed.error(); // the fetch this caller waited for failed
            }
            try {
                return fetchToken();
            } catch (ComplaintException e) {
                lastFailure = new FailedFetch(System.nanoTime(), e);
                throw e;
            }
        };
        TokenStore.Token t;
        try {
            t = tokens.get(tokenKey, margin, Duration.ZERO, fetch);
        } catch (SharedStateException busy) { // another caller is renewing (or the store refused: then this fails too)
            t = tokens.get(tokenKey, timeout, timeout, fetch);
        }
        lastToken = t;
        return t;
    }

    /** One exchange with the token endpoint (within its own budget); the secret travels in the query, which no message shows. */
    private TokenStore.Token fetchToken() {
        Exchange.Answer answer;
        Instant askedAt;
        try (PermitSource.Permit permit = Permits.hold(permits, new PermitSource.Budget(Answers.PROVIDER, account, "token",
                TOKEN_BUDGET, TOKEN_WINDOW.plus(SAFETY_MARGIN)), context.requestTimeout())) {
            askedAt = context.clock().instant();
            answer = Answers.pipeline(context, "token request", config.rateWindow(), secretRedactor,
                    XiaoeAdapter::readTokenData).send("GET", tokenUri, new byte[0], null);
        }
        TokenData data = Answers.data(answer);
        String token = data == null ? null : Scalars.text(data.accessToken);
        if (token == null || token.isBlank()) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "token request: the answer has code 0 but no access_token");
        }
        Duration lifetime = tokenLifetime(data == null ? null : data.expiresIn);
        lastLifetime = lifetime;
        LOG.log(System.Logger.Level.DEBUG, () -> "[xiaoe] access token obtained for app " + config.appId() + ", valid for "
                + lifetime.toSeconds() + " s");
        return new TokenStore.Token(Secret.of(token), plusSaturated(askedAt, lifetime));
    }

    /** @return {@code at + d}, or {@link Instant#MAX} when that lies beyond it */
    private static Instant plusSaturated(Instant at, Duration d) {
        return Duration.between(at, Instant.MAX).compareTo(d) <= 0 ? Instant.MAX : at.plus(d);
    }

    /**
     * @param expiresIn the raw {@code expires_in} of a token answer
     * @return the lifetime to assume: {@link #DEFAULT_TOKEN_LIFETIME} when absent, not a whole number or not
     *     positive; at most {@link #MAX_TOKEN_LIFETIME}, however long the answer says
     */
    static Duration tokenLifetime(Object expiresIn) {
        OptionalLong seconds = Scalars.integer(expiresIn);
        if (seconds.isEmpty() || seconds.getAsLong() <= 0) {
            return DEFAULT_TOKEN_LIFETIME;
        }
        return Duration.ofSeconds(Math.min(seconds.getAsLong(), MAX_TOKEN_LIFETIME.toSeconds()));
    }

    /** The raw values of a token answer's {@code data} (see {@link Scalars#value(JsonParser)}). */
    private static final class TokenData {
        private Object accessToken;
        private Object expiresIn;
    }

    /** Reads a token answer's {@code data} from the parser, scalars only: no tree is built. */
    private static TokenData readTokenData(JsonParser p) throws IOException {
        TokenData data = new TokenData();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return data;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "access_token" -> data.accessToken = Scalars.value(p);
                case "expires_in" -> data.expiresIn = Scalars.value(p);
                default -> p.skipChildren();
            }
        }
        return data;
    }

    /**
     * @param token the access token of a list call
     * @return a redactor for the token and the secret key, the one made for the same token before when it is
     */
    private SecretRedactor listRedactor(Secret token) {
        TokenRedactor r = tokenRedactor;
        if (r == null || !r.token.equals(token)) {
            r = new TokenRedactor(token, new SecretRedactor(token.reveal(), config.secretKey().reveal()));
            tokenRedactor = r;
        }
        return r.redactor;
    }

    /** The redactor of one access token (and the secret key). */
    private static final class TokenRedactor {
        private final Secret token;
        private final SecretRedactor redactor;

        TokenRedactor(Secret token, SecretRedactor redactor) {
            this.token = token;
            this.redactor = redactor;
        }
    }

    @Override
    public List<Violation> validateList(ComplaintFilter filter, PageRequest page) {
        List<Violation> v = new ArrayList<>();
        if (page != null) {
            if (page.size() > config.maxPageSize()) {
                v.add(new Violation("page.size", "max", "must be at most " + config.maxPageSize()
                        + " for Xiaoe (setting xiaoe.max-page-size; was " + page.size() + ")"));
            }
            if (page.size() >= 1 && page.offset() > 0 && page.offset() % page.size() != 0) {
                v.add(new Violation("page.offset", "page-aligned", "must be a multiple of page.size, as Xiaoe pages by"
                        + " number (was offset " + page.offset() + ", size " + page.size() + ")"));
            }
        }
        if (filter != null) {
            if (filter.state().filter(s -> s == ComplaintState.UNKNOWN).isPresent()) {
                v.add(new Violation("filter.state", "supported",
                        "UNKNOWN cannot be asked of Xiaoe; use PENDING, PROCESSING or PROCESSED"));
            }
            if (filter.channel().filter(c -> c == Channel.UNKNOWN).isPresent()) {
                v.add(new Violation("filter.channel", "supported",
                        "UNKNOWN cannot be asked of Xiaoe; use SHOP, PLATFORM, WECHAT_PAY or ALIPAY"));
            }
            filter.from().ifPresent(t -> checkYear(v, "filter.from", t));
            filter.to().ifPresent(t -> checkYear(v, "filter.to", t));
        }
        return v;
    }

    private static void checkYear(List<Violation> v, String field, Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            v.add(new Violation(field, "range", "must lie between 1970 and 9999 (was " + at + ")"));
        }
    }

    @Override
    public int defaultListPageSize() {
        return Math.min(XiaoeConfig.DEFAULT_MAX_PAGE_SIZE, config.maxPageSize());
    }

    /**
     * Unregisters this client from the live clients of its app (its permits keep counting in the window).
     * The last client of a credential set in this JVM drops the token it last used from the store, if
     * that is still the stored one, as the token cache of an app always went with its last client: the
     * next client fetches afresh (on a distributed store, other instances then fetch once).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && live.release(account, tokenKey)) {
            TokenStore.Token last = lastToken;
            if (last != null) {
                tokens.invalidate(tokenKey, last);
            }
        }
    }

    @Override
    public String toString() {
        return "XiaoeAdapter[" + listUri.getScheme() + "://" + listUri.getAuthority() + ", app=" + config.appId() + "]";
    }
}
