package dev.complaintkit.redis;

import dev.complaintkit.PermitSource;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact sliding-window budgets on Redis: per budget a sorted set of grant times (microseconds of Redis
 * {@code TIME}), trimmed and checked by one atomic script. At most {@code permits} members are ever in
 * the set within one window, so any window of the budget's length holds at most that many grants.
 */
final class RedisPermitSource implements PermitSource {
    /**
     * KEYS[1] the log; ARGV[1] permits, ARGV[2] window in microseconds, ARGV[3] a member unique to this
     * call. Answers 0 when granted, else the microseconds until the oldest grant that must go leaves.
     * Numbers go to Redis through {@code %.0f}: Lua's default conversion keeps only 14 digits, which
     * would round microsecond time stamps (16 digits) to 100 µs.
     */
    static final Guard.Script ACQUIRE = new Guard.Script(String.join("\n",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
            "local permits = tonumber(ARGV[1])",
            "local window = tonumber(ARGV[2])",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))",
            "local n = redis.call('ZCARD', KEYS[1])",
            "if n < permits then",
            "  redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[3])",
            "  redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(window / 1000) + 1000))",
            "  return 0",
            "end",
            "local oldest = redis.call('ZRANGE', KEYS[1], n - permits, n - permits, 'WITHSCORES')",
            "local wait = tonumber(oldest[2]) + window - now",
            "if wait < 1 then wait = 1 end",
            "return wait"));

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
        String key = keys.permits(budget);
        String window = Long.toString(budget.window().toNanos() / 1000);
        String permits = Integer.toString(budget.permits());
        String member = instance + ":" + sequence.incrementAndGet();
        return guard.run("taking a " + budget.provider() + " " + budget.endpoint() + " permit", mode, redis -> {
            Long wait = ACQUIRE.run(redis, ScriptOutputType.INTEGER, new String[] {key}, permits, window, member);
            return wait == null || wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait * 1000);
        }, () -> fallback.tryAcquire(budget));
    }

    @Override
    public String toString() {
        return "RedisPermitSource[" + mode + "]";
    }
}
