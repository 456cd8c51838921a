/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import dev.complaintkit.PermitSource;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact sliding-window budgets on Redis: per budget a sorted set of grant times (microseconds of Redis
 * {@code TIME}), trimmed and checked by one atomic script. At most {@code permits} members are ever in
 * the set within one window, so any window of the budget's length holds at most that many grants.
 */
final class RedisPermitSource implements PermitSource {
    /** How long to wait, in microseconds, when every permit of a budget is held by a call still in flight. */
    static final long HELD_POLL_MICROS = 10_000;

    /**
     * KEYS[1] the log; ARGV[1] permits, ARGV[2] window in microseconds, ARGV[3] a member unique to this
     * call, ARGV[4] how long a held permit counts as in flight (0: counted from the grant). A member's
     * score is when its window starts: the grant, or for a held permit the grant plus ARGV[4] until
     * {@link #RELEASE} moves it to the release. Answers 0 when granted, else the microseconds until the
     * oldest member that must go leaves (a short poll when it is still in flight). Numbers go to Redis
     * through {@code %.0f}: Lua's default conversion keeps only 14 digits, which would round microsecond
     * time stamps (16 digits) to 100 µs.
     */
    static final Guard.Script ACQUIRE = new Guard.Script(String.join("\n",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
            "local permits = tonumber(ARGV[1])",
            "local window = tonumber(ARGV[2])",
            "local hold = tonumber(ARGV[4])",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))",
            "local n = redis.call('ZCARD', KEYS[1])",
            "if n < permits then",
            "  redis.call('ZADD', KEYS[1], string.format('%.0f', now + hold), ARGV[3])",
            "  redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil((window + hold) / 1000) + 1000))",
            "  return 0",
            "end",
            "local oldest = redis.call('ZRANGE', KEYS[1], n - permits, n - permits, 'WITHSCORES')",
            "local start = tonumber(oldest[2])",
            "if start > now then return " + HELD_POLL_MICROS + " end",
            "local wait = start + window - now",
            "if wait < 1 then wait = 1 end",
            "return wait"));

    /** KEYS[1] the log; ARGV[1] the member: a held permit's window starts now (never later than it would have). */
    static final Guard.Script RELEASE = new Guard.Script(String.join("\n",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
            "local score = redis.call('ZSCORE', KEYS[1], ARGV[1])",
            "if score and tonumber(score) > now then",
            "  redis.call('ZADD', KEYS[1], 'XX', string.format('%.0f', now), ARGV[1])",
            "end",
            "return 0"));

    private static final System.Logger LOG = System.getLogger(RedisPermitSource.class.getName());

    private final Guard guard;
    private final RedisSharedState.Keys keys;
    private final FailureMode mode;
    private final PermitSource fallback;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    RedisPermitSource(Guard guard, RedisSharedState.Keys keys, FailureMode mode, PermitSource fallback) {
        this.guard = guard;
        this.keys = keys;
        this.mode = mode;
        this.fallback = fallback;
    }

    @Override
    public Duration tryAcquire(Budget budget) {
        return take(budget, 0).retryAfter();
    }

    @Override
    public Attempt tryHold(Budget budget) {
        return take(budget, PermitSource.MAX_HOLD.toNanos() / 1000);
    }

    private Attempt take(Budget budget, long holdMicros) {
        String key = keys.permits(budget);
        String window = Long.toString(budget.window().toNanos() / 1000);
        String permits = Integer.toString(budget.permits());
        String member = instance + ":" + sequence.incrementAndGet();
        String what = "taking a " + budget.provider() + " " + budget.endpoint() + " permit";
        boolean[] unavailable = {false};
        Duration wait = guard.run(what, mode, redis -> {
            Long w = ACQUIRE.run(redis, ScriptOutputType.INTEGER, new String[] {key}, permits, window, member,
                    Long.toString(holdMicros));
            return w == null || w <= 0 ? Duration.ZERO : Duration.ofNanos(w * 1000);
        }, () -> {
            unavailable[0] = true;
            return Duration.ofNanos(-1);
        });
        if (unavailable[0]) { // the configured fall-back: the in-JVM state
            return holdMicros > 0 ? fallback.tryHold(budget) : asAttempt(fallback.tryAcquire(budget));
        }
        if (!wait.isZero()) {
            return Attempt.waitFor(wait);
        }
        if (holdMicros == 0) {
            return Attempt.granted(Permit.NONE);
        }
        AtomicBoolean released = new AtomicBoolean();
        return Attempt.granted(() -> {
            if (released.compareAndSet(false, true)) {
                try { // one attempt, no waiting: a release that cannot reach Redis leaves the permit in flight
                    // until MAX_HOLD, which only ever errs on the safe side
                    RELEASE.run(guard.redis(), ScriptOutputType.INTEGER, new String[] {key}, member);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "a permit release did not reach Redis (" + e.getClass().getSimpleName()
                            + "): it counts as in flight until " + PermitSource.MAX_HOLD + " after its grant");
                }
            }
        });
    }

    private static Attempt asAttempt(Duration wait) {
        return wait.isZero() || wait.isNegative() ? Attempt.granted(Permit.NONE) : Attempt.waitFor(wait);
    }

    @Override
    public String toString() {
        return "RedisPermitSource[" + mode + "]";
    }
}
