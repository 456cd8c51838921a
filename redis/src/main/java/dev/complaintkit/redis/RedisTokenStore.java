/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import dev.complaintkit.Secret;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.SharedStateException;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Access tokens on Redis with single-flight renewal across instances. The token is stored under
 * {@code <prefix>:token:<key>} until it expires; a renewal takes the lock {@code <prefix>:token-lock:<key>}
 * ({@code SET NX PX lease}); instances that do not get the lock keep using the stored token while it
 * is still valid, or poll for the new one until the caller's {@code maxWait}.
 */
final class RedisTokenStore implements TokenStore {
    /** KEYS[1] a key; ARGV[1] the value it must still hold. Deletes it only then (a lock's owner, a token not yet replaced). */
    static final Guard.Script DELETE_IF_EQUAL = new Guard.Script(String.join("\n",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then",
            "  return redis.call('DEL', KEYS[1])",
            "end",
            "return 0"));
    private static final String VERSION = "v1|";
    private static final Duration STILL_USABLE = Duration.ofSeconds(1);
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();
    /** Marks "Redis unreachable, fall back" in the guard's answers. */

    private final Guard guard;
    private final RedisSharedState.Keys keys;
    private final FailureMode mode;
    private final Clock clock;
    private final Duration lease;
    private final TokenStore local;
    /** The last token read from or written to Redis per key: the fallback uses it while it is valid. */
    private final ConcurrentHashMap<String, Token> lastSeen = new ConcurrentHashMap<>();

    RedisTokenStore(Guard guard, RedisSharedState.Keys keys, FailureMode mode, Clock clock, Duration lease) {
        this.guard = guard;
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
        this.lease = lease;
        this.local = TokenStore.inJvm(clock);
    }

    @Override
    public Token get(String key, Duration minValidity, Duration maxWait, Function<Optional<Token>, Token> fetch) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        String tokenKey = keys.token(key);
        String lockKey = keys.tokenLock(key);
        while (true) {
            boolean[] unavailable = {false}; // set when the guard falls back instead of reaching Redis
            Optional<Token> stored = guard.run("reading a token", mode, redis -> decode(redis.get(tokenKey)), () -> {
                unavailable[0] = true;
                return Optional.empty();
            });
            if (unavailable[0]) {
                return fallbackGet(key, minValidity, maxWait, fetch);
            }
            stored.ifPresent(t -> lastSeen.put(key, t));
            if (stored.isPresent() && stored.get().validFor(clock.instant(), minValidity)) {
                return stored.get();
            }
            String owner = UUID.randomUUID().toString();
            boolean locked = guard.run("locking a token renewal", mode,
                    redis -> "OK".equals(redis.set(lockKey, owner, SetArgs.Builder.nx().px(lease.toMillis()))),
                    () -> {
                        unavailable[0] = true;
                        return false;
                    });
            if (unavailable[0]) {
                return fallbackGet(key, minValidity, maxWait, fetch);
            }
            if (locked) {
                return fetchHolding(key, tokenKey, lockKey, owner, minValidity, stored, fetch);
            }
            // another instance is renewing: use the stored token while it is still valid, else wait for the new one
            if (stored.isPresent() && stored.get().validFor(clock.instant(), STILL_USABLE)) {
                return stored.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SharedStateException("another instance's token fetch did not finish within " + maxWait
                        + " (the lock " + lockKey + " is held); nothing was sent", null);
            }
            Guard.pause(Math.min(left, POLL_NANOS), "waiting for another instance's token fetch");
        }
    }

    private Token fetchHolding(String key, String tokenKey, String lockKey, String owner, Duration minValidity,
            Optional<Token> stored, Function<Optional<Token>, Token> fetch) {
        try {
            Optional<Token> again = guard.run("reading a token", mode, redis -> decode(redis.get(tokenKey)), () -> stored);
            if (again.isPresent() && again.get().validFor(clock.instant(), minValidity)) {
                lastSeen.put(key, again.get());
                return again.get(); // renewed by the instance that held the lock before us
            }
            Token fetched = fetch.apply(again.isPresent() ? again : stored);
            // as every instance reads it back from Redis: expiry to the millisecond
            Token fresh = new Token(fetched.value(), Instant.ofEpochMilli(fetched.expiresAt().toEpochMilli()));
            lastSeen.put(key, fresh);
            long ttl = Math.max(1000, fresh.expiresAt().toEpochMilli() - clock.millis());
            try {
                guard.run("storing a token", mode, redis -> redis.set(tokenKey, encode(fresh), SetArgs.Builder.px(ttl)),
                        () -> null);
            } catch (SharedStateException e) {
                // the fresh token is valid: use it; the other instances renew on their own once Redis is back
            }
            return fresh;
        } finally {
            release(lockKey, owner);
        }
    }

    private void release(String lockKey, String owner) {
        try {
            guard.run("releasing a token lock", FailureMode.FALL_BACK_TO_JVM,
                    redis -> DELETE_IF_EQUAL.run(redis, ScriptOutputType.INTEGER, new String[] {lockKey}, owner), () -> null);
        } catch (SharedStateException e) {
            // the lease expires it
        }
    }

    private Token fallbackGet(String key, Duration minValidity, Duration maxWait, Function<Optional<Token>, Token> fetch) {
        return local.get(key, minValidity, maxWait, old -> {
            Token seen = lastSeen.get(key);
            if (seen != null && seen.validFor(clock.instant(), minValidity)) {
                return seen;
            }
            Token fresh = fetch.apply(old.isPresent() ? old : Optional.ofNullable(seen));
            lastSeen.put(key, fresh);
            return fresh;
        });
    }

    @Override
    public void invalidate(String key, Token stale) {
        String encoded = encode(stale);
        lastSeen.computeIfPresent(key, (k, seen) -> encode(seen).equals(encoded) ? null : seen);
        local.invalidate(key, stale);
        guard.run("dropping a refused token", mode,
                redis -> DELETE_IF_EQUAL.run(redis, ScriptOutputType.INTEGER, new String[] {keys.token(key)}, encoded),
                () -> null);
    }

    static String encode(Token token) {
        return VERSION + token.expiresAt().toEpochMilli() + "|" + token.value().reveal();
    }

    static Optional<Token> decode(String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            return Optional.empty();
        }
        int bar = stored.indexOf('|', VERSION.length());
        if (bar < 0) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(stored.substring(VERSION.length(), bar));
            return Optional.of(new Token(Secret.of(stored.substring(bar + 1)), Instant.ofEpochMilli(expires)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RedisTokenStore[" + mode + "]";
    }
}
