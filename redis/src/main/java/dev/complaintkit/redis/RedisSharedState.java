/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import dev.complaintkit.PermitSource;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.Secret;
import dev.complaintkit.SharedState;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.spi.Settings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The state several instances of one back end share, on Redis: rate permits, access tokens and
 * processed-notification ids. Build one per instance, pass {@link #sharedState()} to every client
 * builder ({@code Complaints.builder().sharedState(redis.sharedState())}), and close it when the
 * instance stops.
 *
 * <pre>{@code
 * RedisSharedState redis = RedisSharedState.builder()
 *         .uri("rediss://redis.internal:6380/0")
 *         .password(Secret.of(System.getenv("REDIS_PASSWORD")))
 *         .keyPrefix("shop-backend")
 *         .build();
 * ComplaintClient client = Complaints.builder().config(config).sharedState(redis.sharedState()).build();
 * }</pre>
 *
 * <h2>What is shared, and how</h2>
 * <ul>
 *   <li><b>Permits</b> — an exact sliding-window log per budget: one Lua script, run atomically by
 *       Redis, keeps a sorted set of the grant times (Redis {@code TIME}, so the instances' clocks do
 *       not matter), drops those older than the window, and grants only while fewer than
 *       {@code permits} remain; otherwise it answers how long until the oldest leaves. Any window of
 *       the budget's length therefore holds at most {@code permits} grants. A token bucket (Bucket4j's
 *       Lettuce integration, for one) refills continuously: a full bucket plus the refill within one
 *       window lets up to twice the budget through a sliding window unless it is configured with a
 *       smaller capacity, which then wastes allowance. Providers publish "N per window" limits, and
 *       exceeding them gets calls throttled, so this module keeps the log: its cost is one small sorted
 *       set per budget (at most {@code permits} members) and one round trip per permit.
 *   <li><b>Tokens</b> — single-flight renewal: the token is stored with a time-to-live until it
 *       expires; an instance that needs a new one takes a lock key ({@code SET NX PX}, a lease of
 *       {@link Builder#tokenLockLease}) and fetches; the others keep using the stored token while it
 *       is still valid, or wait (at most the caller's {@code maxWait}) for the new one.
 *   <li><b>Processed notifications</b> — {@code SET key NX PX ttl}: the first instance to mark an event
 *       processes it.
 * </ul>
 *
 * <p>Keys are {@code <prefix>:permits:<provider>:<account>:<endpoint>},
 * {@code <prefix>:token:<key>} (with its lock {@code <prefix>:token-lock:<key>}) and
 * {@code <prefix>:processed:<provider>:<event id>}; every key carries a time-to-live. The token value
 * is stored in Redis: protect it (a password, TLS with {@code rediss://}, a private network).
 *
 * <h2>When Redis is unreachable</h2>
 * Each part has a {@link FailureMode}. {@link FailureMode#FAIL_CLOSED} (the default for permits and
 * notifications) retries for at most {@link Builder#unavailableWait}, then throws a retryable
 * {@link dev.complaintkit.error.SharedStateException}: nothing is sent and no event is processed
 * twice. {@link FailureMode#FALL_BACK_TO_JVM} (the default for tokens) uses this instance's in-JVM
 * state instead — the last token read from Redis while it is valid, an in-JVM permit log, an
 * in-memory dedupe set — and logs one warning per outage (logger {@code dev.complaintkit.redis});
 * budgets and dedupe are then per instance until Redis returns. The connection is re-established in
 * the background; the next command after that uses Redis again. Thread-safe.
 */
public final class RedisSharedState implements AutoCloseable {
    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "complaintkit";

    /** What a part of the shared state does while Redis is unreachable. */
    public enum FailureMode {
        /** Wait for Redis at most {@link Builder#unavailableWait}, then fail with a typed, retryable error. */
        FAIL_CLOSED,
        /** Use this instance's in-JVM state, with one warning per outage. */
        FALL_BACK_TO_JVM
    }

    private final Builder settings;
    private final String description;
    private final RedisClient client;
    private final ClientResources resources;
    private final Guard guard;
    private final RedisPermitSource permits;
    private final RedisTokenStore tokens;
    private final RedisProcessedNotifications notifications;
    private final SharedState state;

    private RedisSharedState(Builder b, RedisURI uri) {
        this.settings = b;
        this.description = "RedisSharedState[" + (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":"
                + uri.getPort() + "/" + uri.getDatabase() + ", prefix " + b.keyPrefix + ", permits " + b.permitMode
                + ", tokens " + b.tokenMode + ", notifications " + b.notificationMode + "]";
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
                .build());
        String where = uri.getHost() + ":" + uri.getPort();
        this.guard = new Guard(client, b.commandTimeout, b.unavailableWait, where);
        Keys keys = new Keys(b.keyPrefix);
        this.permits = new RedisPermitSource(guard, keys, b.permitMode, PermitSource.inJvm(b.clock));
        this.tokens = new RedisTokenStore(guard, keys, b.tokenMode, b.clock, b.tokenLockLease);
        this.notifications = new RedisProcessedNotifications(guard, keys, b.notificationMode,
                ProcessedNotifications.inMemory(b.clock));
        this.state = new SharedState(permits, tokens, notifications);
    }

    /** @return a builder: {@code redis://localhost:6379}, prefix {@value #DEFAULT_PREFIX}, the default failure modes */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds from properties with keys {@code redis.<setting>}: {@code uri}, {@code password},
     * {@code username}, {@code key-prefix}, {@code command-timeout}, {@code connect-timeout},
     * {@code unavailable-wait}, {@code token-lock-lease}, {@code failure-mode} (all parts) and
     * {@code permits.failure-mode}, {@code tokens.failure-mode}, {@code notifications.failure-mode}
     * ({@code fail-closed} or {@code fall-back-to-jvm}). Durations as {@code 2s}, {@code 500ms} or
     * {@code PT2S}. A Spring starter can bind {@code complaintkit.redis.*} onto these keys.
     *
     * @param properties the settings (keys without the {@code redis.} prefix are ignored)
     * @return the state, connected lazily
     * @throws ConfigurationException listing every bad or unknown setting
     */
    public static RedisSharedState fromProperties(Map<String, String> properties) {
        Settings s = Settings.of("redis", properties);
        Builder b = builder();
        String uri = s.string("uri", null);
        if (uri != null) {
            b.uri(uri);
        }
        if (s.has("password")) {
            b.password(s.secret("password"));
        }
        String user = s.string("username", null);
        if (user != null) {
            b.username(user);
        }
        String prefix = s.string("key-prefix", null);
        if (prefix != null) {
            b.keyPrefix(prefix);
        }
        b.commandTimeout(s.duration("command-timeout", b.commandTimeout, Duration.ofMillis(1), MAX_DURATION));
        b.connectTimeout(s.duration("connect-timeout", b.connectTimeout, Duration.ofMillis(1), MAX_DURATION));
        b.unavailableWait(s.duration("unavailable-wait", b.unavailableWait, Duration.ZERO, MAX_DURATION));
        b.tokenLockLease(s.duration("token-lock-lease", b.tokenLockLease, Duration.ofMillis(1), MAX_DURATION));
        if (s.has("failure-mode")) {
            b.failureMode(s.choice("failure-mode", FailureMode.class, FailureMode.FAIL_CLOSED));
        }
        b.permitFailureMode(s.choice("permits.failure-mode", FailureMode.class, b.permitMode));
        b.tokenFailureMode(s.choice("tokens.failure-mode", FailureMode.class, b.tokenMode));
        b.notificationFailureMode(s.choice("notifications.failure-mode", FailureMode.class, b.notificationMode));
        return s.build(b::build);
    }

    private static final Duration MAX_DURATION = Duration.ofHours(1);

    /** @return the state to pass to client builders: permits, tokens and notifications on Redis */
    public SharedState sharedState() {
        return state;
    }

    /** @return the permit source (exact sliding windows on Redis) */
    public PermitSource permits() {
        return permits;
    }

    /** @return the token store (single-flight on Redis) */
    public TokenStore tokens() {
        return tokens;
    }

    /** @return the processed-notification store (set-if-absent on Redis) */
    public ProcessedNotifications notifications() {
        return notifications;
    }

    /**
     * Connects if not connected yet and sends {@code PING}: for start-up (connect before taking
     * traffic) and health checks. Never throws for an unreachable Redis.
     *
     * @return whether Redis answered
     */
    public boolean ping() {
        return guard.ping();
    }

    /** @return the key prefix */
    public String keyPrefix() {
        return settings.keyPrefix;
    }

    /** Closes the connection and its threads. Clients using this state fail afterwards. */
    @Override
    public void close() {
        guard.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** @return scheme, host, port, database, prefix and failure modes; never the password */
    @Override
    public String toString() {
        return description;
    }

    /** Builds a {@link RedisSharedState}. Every bad setting is reported at once by {@link #build()}. */
    public static final class Builder {
        private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._\\-{}]{1,64}");

        private String uri = "redis://localhost:6379";
        private String username;
        private Secret password;
        private String keyPrefix = DEFAULT_PREFIX;
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration unavailableWait = Duration.ofSeconds(2);
        private Duration tokenLockLease = Duration.ofSeconds(30);
        private FailureMode permitMode = FailureMode.FAIL_CLOSED;
        private FailureMode tokenMode = FailureMode.FALL_BACK_TO_JVM;
        private FailureMode notificationMode = FailureMode.FAIL_CLOSED;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * @param uri {@code redis://host[:port][/database]} or {@code rediss://…} (TLS); without
         *     credentials (give the password with {@link #password(Secret)})
         * @return this
         */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** @param uri see {@link #uri(String)} @return this */
        public Builder uri(URI uri) {
            this.uri = uri == null ? null : uri.toString();
            return this;
        }

        /** @param password the Redis password ({@code AUTH}); never logged or shown @return this */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /** @param username the ACL user name (Redis 6+), with {@link #password(Secret)} @return this */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * @param prefix the first part of every key (default {@value #DEFAULT_PREFIX}): letters,
         *     digits, {@code . _ - { }}, at most 64 characters; instances that share state use the same
         *     prefix, back ends that must not share use different ones
         * @return this
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        /** @param timeout how long one Redis command may take (default 2 s) @return this */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** @param timeout how long connecting may take (default 2 s) @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param wait how long a part that fails closed retries an unreachable Redis before its typed
         *     error (default 2 s; zero = fail at once)
         * @return this
         */
        public Builder unavailableWait(Duration wait) {
            this.unavailableWait = wait;
            return this;
        }

        /**
         * @param lease how long a token lock is held at most, should its holder die while fetching
         *     (default 30 s); longer than a token fetch takes
         * @return this
         */
        public Builder tokenLockLease(Duration lease) {
            this.tokenLockLease = lease;
            return this;
        }

        /** @param mode what every part does while Redis is unreachable @return this */
        public Builder failureMode(FailureMode mode) {
            this.permitMode = mode;
            this.tokenMode = mode;
            this.notificationMode = mode;
            return this;
        }

        /** @param mode what permits do while Redis is unreachable (default {@link FailureMode#FAIL_CLOSED}) @return this */
        public Builder permitFailureMode(FailureMode mode) {
            this.permitMode = mode;
            return this;
        }

        /** @param mode what tokens do while Redis is unreachable (default {@link FailureMode#FALL_BACK_TO_JVM}) @return this */
        public Builder tokenFailureMode(FailureMode mode) {
            this.tokenMode = mode;
            return this;
        }

        /**
         * @param mode what notification dedupe does while Redis is unreachable (default
         *     {@link FailureMode#FAIL_CLOSED})
         * @return this
         */
        public Builder notificationFailureMode(FailureMode mode) {
            this.notificationMode = mode;
            return this;
        }

        /** @param clock judges token validity and runs the in-JVM fallback (default system UTC) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the state; it connects on first use (an unreachable Redis is a runtime condition,
         *     handled by the failure modes, not a configuration error)
         * @throws ConfigurationException listing every bad setting
         */
        public RedisSharedState build() {
            List<Violation> bad = new ArrayList<>();
            RedisURI parsed = parse(bad);
            if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
                bad.add(new Violation("keyPrefix", "pattern", "must be 1 to 64 letters, digits or . _ - { } (was "
                        + (keyPrefix == null ? "null" : "'" + keyPrefix.replaceAll("[^\\x20-\\x7e]", "?") + "'") + ")"));
            }
            positive(bad, "commandTimeout", commandTimeout, false);
            positive(bad, "connectTimeout", connectTimeout, false);
            positive(bad, "unavailableWait", unavailableWait, true);
            positive(bad, "tokenLockLease", tokenLockLease, false);
            if (permitMode == null || tokenMode == null || notificationMode == null) {
                bad.add(new Violation("failureMode", "required", "must not be null"));
            }
            if (clock == null) {
                bad.add(new Violation("clock", "required", "must not be null"));
            }
            if (password != null && password.isBlank()) {
                bad.add(new Violation("password", "not-blank", "must not be blank when given"));
            }
            if (username != null && password == null) {
                bad.add(new Violation("username", "needs-password", "an ACL user needs password(Secret) too"));
            }
            if (!bad.isEmpty()) {
                throw new ConfigurationException(bad);
            }
            if (password != null) {
                if (username != null) {
                    parsed.setAuthentication(username, password.reveal().toCharArray());
                } else {
                    parsed.setAuthentication(password.reveal().toCharArray());
                }
            }
            parsed.setTimeout(commandTimeout);
            return new RedisSharedState(this, parsed);
        }

        private RedisURI parse(List<Violation> bad) {
            if (uri == null || uri.isBlank()) {
                bad.add(new Violation("uri", "required", "is required (redis://host:port or rediss://host:port)"));
                return null;
            }
            URI u;
            try {
                u = new URI(uri.strip());
            } catch (URISyntaxException e) {
                bad.add(new Violation("uri", "syntax", "is not a URI (redis://host:port or rediss://host:port)"));
                return null;
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                bad.add(new Violation("uri", "scheme", "must start with redis:// or rediss:// (TLS)"));
                return null;
            }
            if (u.getRawUserInfo() != null) {
                bad.add(new Violation("uri", "no-credentials",
                        "must not carry credentials: give the password with password(Secret) (it is never shown)"));
                return null;
            }
            if (u.getHost() == null || u.getHost().isBlank()) {
                bad.add(new Violation("uri", "host", "must name a host (redis://host:port)"));
                return null;
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                bad.add(new Violation("uri", "plain", "must not have a query or fragment; use the builder's settings"));
                return null;
            }
            int port = u.getPort() == -1 ? RedisURI.DEFAULT_REDIS_PORT : u.getPort();
            int database = 0;
            String path = u.getPath() == null ? "" : u.getPath();
            if (!path.isEmpty() && !path.equals("/")) {
                try {
                    database = Integer.parseInt(path.substring(1));
                } catch (NumberFormatException e) {
                    database = -1;
                }
                if (database < 0 || database > 15_000) {
                    bad.add(new Violation("uri", "database", "the path must be a database number, e.g. redis://host:6379/0"));
                    return null;
                }
            }
            return RedisURI.builder().withHost(u.getHost()).withPort(port).withDatabase(database)
                    .withSsl(scheme.equals("rediss")).build();
        }

        private static void positive(List<Violation> bad, String field, Duration d, boolean zeroAllowed) {
            if (d == null) {
                bad.add(new Violation(field, "required", "must not be null"));
            } else if (d.isNegative() || (!zeroAllowed && d.isZero()) || d.compareTo(MAX_DURATION) > 0) {
                bad.add(new Violation(field, "range", "must be " + (zeroAllowed ? "zero or more" : "positive")
                        + " and at most " + MAX_DURATION + " (was " + d + ")"));
            }
        }
    }

    /** The key layout. */
    static final class Keys {
        private final String prefix;

        Keys(String prefix) {
            this.prefix = Objects.requireNonNull(prefix);
        }

        String permits(PermitSource.Budget budget) {
            return prefix + ":permits:" + budget.key();
        }

        String token(String key) {
            return prefix + ":token:" + key;
        }

        String tokenLock(String key) {
            return prefix + ":token-lock:" + key;
        }

        String processed(String key) {
            return prefix + ":processed:" + key;
        }
    }
}
