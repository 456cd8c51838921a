/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.Secret;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Xiaoe-tech (小鹅通) provider. Build with {@link #builder()}; {@link Builder#build()}
 * checks every setting and reports all bad ones at once in a
 * {@link dev.complaintkit.error.ConfigurationException}.
 *
 * <pre>{@code
 * XiaoeConfig config = XiaoeConfig.builder()
 *         .appId("app1a2b3c4d5e6f").clientId("xop1a2b3c4d5e6f").secretKey(System.getenv("XIAOE_SECRET"))
 *         .build();
 * }</pre>
 *
 * <p>As properties (see {@link XiaoeProvider#configFromProperties(Map)}): {@code xiaoe.endpoint},
 * {@code xiaoe.app-id}, {@code xiaoe.client-id}, {@code xiaoe.secret-key}, {@code xiaoe.rate-limit},
 * {@code xiaoe.rate-window}, {@code xiaoe.rate-limit-max-wait}, {@code xiaoe.token-renewal-margin},
 * {@code xiaoe.max-page-size}. Durations are ISO-8601 ({@code PT10S}) or whole seconds ({@code 10}).
 *
 * <p>The secret key is held as a {@link Secret}: {@link #toString()} and {@link #describe()} never show it.
 * The access token and rate budgets a client uses live in core's {@link dev.complaintkit.SharedState}
 * (the client's, by default; {@link XiaoeSharedState#create()} for an isolated one).
 */
public final class XiaoeConfig implements ProviderConfig {
    /** Xiaoe's production API base. */
    public static final String DEFAULT_ENDPOINT = "https://api.xiaoe-tech.com";
    /** Xiaoe's published limit: 500 calls per {@link #DEFAULT_RATE_WINDOW}, per app. */
    public static final int DEFAULT_RATE_LIMIT = 500;
    /** The window of Xiaoe's published limit: 10 seconds. */
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(10);
    /** Renew the access token this long before it expires. */
    public static final Duration DEFAULT_TOKEN_RENEWAL_MARGIN = Duration.ofMinutes(5);
    /** The largest page size sent by default (Xiaoe documents no maximum). */
    public static final int DEFAULT_MAX_PAGE_SIZE = 100;

    /** The longest {@code xiaoe.rate-window}, {@code xiaoe.rate-limit-max-wait} and {@code xiaoe.token-renewal-margin}: a day. */
    public static final Duration MAX_DURATION = Duration.ofDays(1);
    /** The largest {@code xiaoe.max-page-size}. */
    public static final int MAX_MAX_PAGE_SIZE = 10_000;

    static final String ENDPOINT = "endpoint";
    static final String APP_ID = "app-id";
    static final String CLIENT_ID = "client-id";
    static final String SECRET_KEY = "secret-key";
    static final String RATE_LIMIT = "rate-limit";
    static final String RATE_WINDOW = "rate-window";
    static final String RATE_LIMIT_MAX_WAIT = "rate-limit-max-wait";
    static final String TOKEN_RENEWAL_MARGIN = "token-renewal-margin";
    static final String MAX_PAGE_SIZE = "max-page-size";

    private final URI endpoint;
    private final String appId;
    private final String clientId;
    private final Secret secretKey;
    private final int rateLimit;
    private final Duration rateWindow;
    private final Duration rateLimitMaxWait;
    private final Duration tokenRenewalMargin;
    private final int maxPageSize;
    private final XiaoeSharedState sharedState;

    private XiaoeConfig(URI endpoint, Builder b) {
        this.endpoint = endpoint;
        this.appId = b.appId.trim();
        this.clientId = b.clientId.trim();
        this.secretKey = b.secretKey;
        this.rateLimit = b.rateLimit;
        this.rateWindow = b.rateWindow;
        this.rateLimitMaxWait = b.rateLimitMaxWait;
        this.tokenRenewalMargin = b.tokenRenewalMargin;
        this.maxPageSize = b.maxPageSize;
        this.sharedState = b.sharedState;
    }

    /** @return a builder with the defaults (production endpoint, 500 calls per 10 s, 5-minute renewal margin) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the API base, e.g. {@code https://api.xiaoe-tech.com} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the shop's app id ({@code app_id}) */
    public String appId() {
        return appId;
    }

    /** @return the API client id ({@code client_id}) */
    public String clientId() {
        return clientId;
    }

    /** @return the API secret key ({@code secret_key}); redacted when printed */
    public Secret secretKey() {
        return secretKey;
    }

    /** @return how many API calls the app may make per {@link #rateWindow()} */
    public int rateLimit() {
        return rateLimit;
    }

    /** @return the sliding window the rate limit applies to */
    public Duration rateWindow() {
        return rateWindow;
    }

    /**
     * @return how long a call may wait for a permit of the shared rate limiter; empty means "as long as
     *     the request time-out", zero means "fail at once"
     */
    public Optional<Duration> rateLimitMaxWait() {
        return Optional.ofNullable(rateLimitMaxWait);
    }

    /** @return how long before its expiry the access token is renewed (at most half its lifetime) */
    public Duration tokenRenewalMargin() {
        return tokenRenewalMargin;
    }

    /** @return the largest page size a list call may ask for */
    public int maxPageSize() {
        return maxPageSize;
    }

    /** @return which shared state's tokens and rate budgets the client uses ({@link XiaoeSharedState#shared()}: the client's) */
    public XiaoeSharedState sharedState() {
        return sharedState;
    }

    @Override
    public String providerId() {
        return XiaoeProvider.ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(key(ENDPOINT), endpoint.toString());
        out.put(key(APP_ID), appId);
        out.put(key(CLIENT_ID), clientId);
        out.put(key(SECRET_KEY), "<redacted>");
        out.put(key(RATE_LIMIT), Integer.toString(rateLimit));
        out.put(key(RATE_WINDOW), rateWindow.toString());
        out.put(key(RATE_LIMIT_MAX_WAIT), rateLimitMaxWait == null ? "<request time-out>" : rateLimitMaxWait.toString());
        out.put(key(TOKEN_RENEWAL_MARGIN), tokenRenewalMargin.toString());
        out.put(key(MAX_PAGE_SIZE), Integer.toString(maxPageSize));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String key(String setting) {
        return XiaoeProvider.ID + "." + setting;
    }

    @Override
    public String toString() {
        return "XiaoeConfig[endpoint=" + endpoint + ", appId=" + appId + ", clientId=" + clientId
                + ", secretKey=<redacted>, rateLimit=" + rateLimit + "/" + rateWindow
                + ", tokenRenewalMargin=" + tokenRenewalMargin + ", maxPageSize=" + maxPageSize + "]";
    }

    /** Builder for {@link XiaoeConfig}. Not thread-safe. */
    public static final class Builder {
        private String endpoint = DEFAULT_ENDPOINT;
        private String appId;
        private String clientId;
        private Secret secretKey;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration rateWindow = DEFAULT_RATE_WINDOW;
        private Duration rateLimitMaxWait;
        private Duration tokenRenewalMargin = DEFAULT_TOKEN_RENEWAL_MARGIN;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
        private XiaoeSharedState sharedState = XiaoeSharedState.shared();

        private Builder() {}

        /**
         * @param endpoint the API base (HTTPS; plain HTTP only to loopback, for simulators)
         * @return this
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param endpoint the API base
         * @return this
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint == null ? null : endpoint.toString();
            return this;
        }

        /**
         * @param appId the shop's app id
         * @return this
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * @param clientId the API client id
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param secretKey the API secret key
         * @return this
         */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey == null ? null : Secret.of(secretKey);
            return this;
        }

        /**
         * @param secretKey the API secret key
         * @return this
         */
        public Builder secretKey(Secret secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /**
         * @param limit calls per window (default 500)
         * @param window the window (default 10 s)
         * @return this
         */
        public Builder rateLimit(int limit, Duration window) {
            this.rateLimit = limit;
            this.rateWindow = window;
            return this;
        }

        /**
         * @param maxWait how long a call may wait for a rate-limit permit; {@code null} (default) for the
         *     request time-out, zero to fail at once with a {@link dev.complaintkit.error.RateLimitedException}
         * @return this
         */
        public Builder rateLimitMaxWait(Duration maxWait) {
            this.rateLimitMaxWait = maxWait;
            return this;
        }

        /**
         * @param margin renew the token this long before it expires (default 5 min)
         * @return this
         */
        public Builder tokenRenewalMargin(Duration margin) {
            this.tokenRenewalMargin = margin;
            return this;
        }

        /**
         * @param maxPageSize the largest page size allowed (default 100)
         * @return this
         */
        public Builder maxPageSize(int maxPageSize) {
            this.maxPageSize = maxPageSize;
            return this;
        }

        /**
         * @param state the state whose token cache and rate limiter the client shares (default
         *     {@link XiaoeSharedState#shared()}; {@link XiaoeSharedState#create()} for an isolated one)
         * @return this
         */
        public Builder sharedState(XiaoeSharedState state) {
            this.sharedState = state;
            return this;
        }

        private static void duration(ConfigCheck check, String setting, Duration d, boolean zeroAllowed) {
            if (d == null || d.isNegative() || (d.isZero() && !zeroAllowed)) {
                check.fail(setting, zeroAllowed ? "not-negative" : "positive", "must be " + (zeroAllowed ? "zero or positive"
                        : "a positive duration") + " (was " + d + ")");
            } else if (d.compareTo(MAX_DURATION) > 0) {
                check.fail(setting, "max", "must be at most " + MAX_DURATION + " (was " + d + ")");
            }
        }

        /**
         * @return the configuration
         * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
         */
        public XiaoeConfig build() {
            ConfigCheck check = new ConfigCheck(XiaoeProvider.ID);
            URI uri = check.endpoint(ENDPOINT, endpoint);
            if (uri != null && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
                check.fail(ENDPOINT, "base-url", "must be a base URL without query or fragment (was '" + endpoint + "')");
            }
            check.required(APP_ID, appId);
            check.required(CLIENT_ID, clientId);
            check.required(SECRET_KEY, secretKey);
            if (rateLimit < 1) {
                check.fail(RATE_LIMIT, "min", "must be at least 1 (was " + rateLimit + ")");
            }
            duration(check, RATE_WINDOW, rateWindow, false);
            if (rateLimitMaxWait != null) {
                duration(check, RATE_LIMIT_MAX_WAIT, rateLimitMaxWait, true);
            }
            duration(check, TOKEN_RENEWAL_MARGIN, tokenRenewalMargin, true);
            check.range(MAX_PAGE_SIZE, maxPageSize, 1, MAX_MAX_PAGE_SIZE);
            if (sharedState == null) {
                check.fail("shared-state", "required", "must not be null; XiaoeSharedState.shared() is the default");
            }
            check.throwIfAny();
            return new XiaoeConfig(Objects.requireNonNull(uri), this);
        }
    }
}
