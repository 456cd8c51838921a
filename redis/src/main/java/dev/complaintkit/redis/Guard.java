/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import dev.complaintkit.error.SharedStateException;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one connection to Redis and what happens when it fails: a command that cannot run is retried
 * for at most the unavailable-wait, then either fails closed with a {@link SharedStateException} or
 * falls back to the in-JVM state, with one warning per outage.
 */
final class Guard {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.redis");
    private static final long RECONNECT_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private final RedisClient client;
    private final Duration commandTimeout;
    private final Duration unavailableWait;
    private final String where;
    private final Object connectLock = new Object();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;
    private volatile boolean closed;

    Guard(RedisClient client, Duration commandTimeout, Duration unavailableWait, String where) {
        this.client = client;
        this.commandTimeout = commandTimeout;
        this.unavailableWait = unavailableWait;
        this.where = where;
    }

    /** A Lua script, sent by digest ({@code EVALSHA}) and loaded again when Redis lost it (a restart). */
    static final class Script {
        final String source;
        final String sha;

        Script(String source) {
            this.source = source;
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JDK", e);
            }
        }

        <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
            try {
                return redis.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, type, keys, args);
            }
        }
    }

    /**
     * Runs Redis commands under the part's failure mode.
     *
     * @param what what the commands do, for messages (never a key's secret part)
     * @param mode the part's failure mode
     * @param commands the commands
     * @param fallback what to do instead in {@link FailureMode#FALL_BACK_TO_JVM}
     * @return the commands' result, or the fallback's
     * @throws SharedStateException when failing closed and Redis stays unreachable for the unavailable-wait
     */
    <T> T run(String what, FailureMode mode, Function<RedisCommands<String, String>, T> commands, Supplier<T> fallback) {
        long deadline = System.nanoTime() + unavailableWait.toNanos();
        while (true) {
            RedisException failure;
            try {
                T result = commands.apply(redis());
                recovered();
                return result;
            } catch (RedisException e) {
                failure = e;
            }
            if (closed) {
                throw new SharedStateException("the Redis shared state is closed; " + what + " failed", null);
            }
            if (mode == FailureMode.FALL_BACK_TO_JVM) {
                if (degraded.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "Redis at " + where + " is unreachable (" + describe(failure)
                            + "): falling back to this instance's in-JVM state for the parts configured FALL_BACK_TO_JVM;"
                            + " their budgets, tokens and dedupe are per instance until Redis returns");
                }
                return fallback.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SharedStateException("Redis at " + where + " is unreachable (" + describe(failure) + "): " + what
                        + " fails closed after waiting " + unavailableWait + "; nothing was sent", failure);
            }
            pause(Math.min(left, Duration.ofMillis(25).toNanos()), what);
        }
    }

    boolean ping() {
        try {
            boolean up = "PONG".equals(redis().ping());
            if (up) {
                recovered();
            }
            return up;
        } catch (RedisException e) {
            return false;
        }
    }

    /** @return whether the last commands failed and the fallback was used since */
    boolean degraded() {
        return degraded.get();
    }

    private void recovered() {
        if (degraded.compareAndSet(true, false)) {
            LOG.log(System.Logger.Level.INFO, "Redis at " + where + " is reachable again: the shared state is used again");
        }
    }

    RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c.sync();
        }
        synchronized (connectLock) {
            if (connection == null) {
                if (closed) {
                    throw new RedisException("closed");
                }
                if (System.nanoTime() - nextConnectAttempt < 0) {
                    throw new RedisException("not connected (the last attempt failed less than 100 ms ago)");
                }
                try {
                    StatefulRedisConnection<String, String> fresh = client.connect();
                    fresh.setTimeout(commandTimeout);
                    connection = fresh;
                } catch (RedisException e) {
                    nextConnectAttempt = System.nanoTime() + RECONNECT_PAUSE_NANOS;
                    throw e;
                }
            }
            return connection.sync();
        }
    }

    private static String describe(RedisException e) {
        return e.getClass().getSimpleName();
    }

    static void pause(long nanos, String what) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedStateException("interrupted while " + what, e);
        }
    }

    void close() {
        closed = true;
        synchronized (connectLock) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
