/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.HttpAnswers;
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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Xiaoe-tech adapter: lists B-side complaints ({@code xe.b_complaints.list}). Every call takes
 * an access token from the app's {@link TokenManager} and a permit from the app's
 * {@link RateLimiter}, both leased from the client's {@link SharedState}; a refused token
 * (2007/2008) is dropped, renewed once and the call repeated once.
 */
public final class XiaoeAdapter implements ProviderAdapter, ListComplaintsPort {
    /** Path of the token endpoint, under the configured base. */
    public static final String TOKEN_PATH = "/token";
    /** Path of the B-side complaint list, under the configured base. */
    public static final String LIST_PATH = "/xe.pay_through.complaint_record.xe.b_complaints.list/1.0.0";
    /** Xiaoe's documented token lifetime, used when an answer omits {@code expires_in}. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(2);
    /** The longest lifetime a token answer is believed ({@code expires_in} beyond is cut to it): a week. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.xiaoe");
    /** The range of times a filter may name (Xiaoe's {@code yyyy-MM-dd HH:mm:ss} in Shanghai). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    private final XiaoeConfig config;
    private final ProviderContext context;
    private final URI listUri;
    private final URI tokenUri;
    private final SharedState shared;
    private final SharedState.AppKey appKey;
    private final SharedState.TokenKey tokenKey;
    private final RateLimiter limiter;
    private final TokenManager tokens;
    private final Duration maxPermitWait;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Removes the secret key, in any encoding, from the token endpoint's messages. */
    private final SecretRedactor secretRedactor;
    /** The redactor of the last access token used (a list call's message may echo it or the secret key). */
    private volatile TokenRedactor tokenRedactor;

    /**
     * @param config the validated settings
     * @param shared the state whose token cache and rate limiter this client leases
     * @param context transport, clock and time-out
     * @throws dev.complaintkit.error.ConfigurationException when live clients of the same app in that
     *     state use another rate limit or window
     */
    public XiaoeAdapter(XiaoeConfig config, SharedState shared, ProviderContext context) {
        this.config = config;
        this.context = context;
        String base = config.endpoint().toString().replaceAll("/+$", "");
        this.listUri = URI.create(base + LIST_PATH);
        this.tokenUri = URI.create(base + TOKEN_PATH + "?app_id=" + enc(config.appId()) + "&client_id="
                + enc(config.clientId()) + "&secret_key=" + enc(config.secretKey().reveal())
                + "&grant_type=client_credential");
        this.appKey = new SharedState.AppKey(normalise(config.endpoint()), config.appId());
        this.tokenKey = new SharedState.TokenKey(appKey, config.clientId(), fingerprint(config.secretKey()));
        this.secretRedactor = new SecretRedactor(config.secretKey().reveal());
        this.maxPermitWait = config.rateLimitMaxWait().orElse(context.requestTimeout());
        this.shared = shared;
        this.limiter = shared.leaseLimiter(appKey, config.rateLimit(), config.rateWindow());
        this.tokens = shared.leaseTokens(tokenKey);
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
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
        if (closed.get()) {
            throw new ComplaintException("[xiaoe] this client is closed; create a new one");
        }
        Duration timeout = context.requestTimeout();
        for (int attempt = 1; ; attempt++) {
            Secret token = tokens.token(context.clock(), timeout, config.tokenRenewalMargin(), this::fetchToken);
            byte[] body = ListCodec.encode(token, filter, page);
            HttpTransport.Response response;
            RateLimiter.Permit permit = limiter.acquire(maxPermitWait);
            try {
                response = context.transport().exchange(new HttpTransport.Request("POST", listUri,
                        Map.of("Content-Type", "application/json", "Accept", "application/json"), body, timeout));
            } finally {
                permit.close(); // the permit keeps counting for a window after the exchange ended
            }
            Answers.Answer<ListCodec.ListData> answer = Answers.read(response, "list complaints", config.rateWindow(),
                    listRedactor(token), p -> ListCodec.read(p, page));
            if (answer.ok()) {
                return ListCodec.decode(answer.data(), page);
            }
            if (answer.tokenRefused() && attempt == 1) {
                tokens.invalidate(token);
                LOG.log(System.Logger.Level.DEBUG, () -> "[xiaoe] list complaints: access token refused (" + answer.code()
                        + "); renewing it and repeating the call once");
                continue;
            }
            throw Answers.failure(answer, "list complaints", config.rateWindow());
        }
    }

    /** One exchange with the token endpoint; the secret travels in the query, which no message shows. */
    private TokenManager.Fetched fetchToken() {
        HttpTransport.Response response = context.transport().exchange(new HttpTransport.Request("GET", tokenUri,
                Map.of("Accept", "application/json"), null, context.requestTimeout()));
        Answers.Answer<TokenData> answer = Answers.read(response, "token request", config.rateWindow(), secretRedactor,
                XiaoeAdapter::readTokenData);
        if (!answer.ok()) {
            throw Answers.failure(answer, "token request", config.rateWindow());
        }
        TokenData data = answer.data();
        String token = data == null ? null : Scalars.text(data.accessToken);
        if (token == null || token.isBlank()) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "token request: the answer has code 0 but no access_token");
        }
        return new TokenManager.Fetched(Secret.of(token), tokenLifetime(data == null ? null : data.expiresIn));
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

    /** Returns this client's share of the app's limiter and token cache. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shared.releaseLimiter(appKey, limiter);
            shared.releaseTokens(tokenKey, tokens);
        }
    }

    @Override
    public String toString() {
        return "XiaoeAdapter[" + listUri.getScheme() + "://" + listUri.getAuthority() + ", app=" + config.appId() + "]";
    }
}
