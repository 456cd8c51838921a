/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import io.lettuce.core.SetArgs;
import java.time.Duration;

/** Processed notification ids on Redis: {@code SET key 1 NX PX ttl}; the instance whose set succeeds processes the event. */
final class RedisProcessedNotifications implements ProcessedNotifications {
    private static final long MAX_TTL_MILLIS = Duration.ofDays(365).toMillis();

    private final Guard guard;
    private final RedisSharedState.Keys keys;
    private final FailureMode mode;
    private final ProcessedNotifications fallback;

    RedisProcessedNotifications(Guard guard, RedisSharedState.Keys keys, FailureMode mode, ProcessedNotifications fallback) {
        this.guard = guard;
        this.keys = keys;
        this.mode = mode;
        this.fallback = fallback;
    }

    @Override
    public boolean markIfAbsent(String key, Duration ttl) {
        long millis = Math.max(1, Math.min(ttl.toMillis(), MAX_TTL_MILLIS));
        String redisKey = keys.processed(key);
        return guard.run("marking a notification processed", mode,
                redis -> "OK".equals(redis.set(redisKey, "1", SetArgs.Builder.nx().px(millis))),
                () -> fallback.markIfAbsent(key, ttl));
    }

    @Override
    public String toString() {
        return "RedisProcessedNotifications[" + mode + "]";
    }
}
