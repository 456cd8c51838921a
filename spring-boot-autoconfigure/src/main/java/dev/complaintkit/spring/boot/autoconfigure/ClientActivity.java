/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ClientObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one client did lately, for its health contributor: counts, the last call and the last
 * failure, and how often it was refused by a rate limit. Recorded by observing the client's calls;
 * reading it makes no provider call.
 */
final class ClientActivity implements ClientObserver {
    private record Last(String operation, String outcome, String errorType, Instant at) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operation", operation);
            m.put("outcome", outcome);
            m.put("errorType", errorType);
            m.put("at", at.toString());
            return m;
        }
    }

    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicReference<Last> lastCall = new AtomicReference<>();
    private final AtomicReference<Last> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastRateLimited = new AtomicReference<>();

    ClientActivity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Scope start(Call call) {
        return result -> {
            Last last = new Last(call.operationName(), result.outcome().tag(), result.errorType(), clock.instant());
            calls.incrementAndGet();
            lastCall.set(last);
            if (result.outcome() == Outcome.FAILURE) {
                failures.incrementAndGet();
                lastFailure.set(last);
                if ("RateLimitedException".equals(result.errorType())) {
                    rateLimited.incrementAndGet();
                    lastRateLimited.set(last.at());
                }
            }
        };
    }

    /** @return the last call's outcome, or empty before the first call */
    String lastOutcome() {
        Last last = lastCall.get();
        return last == null ? "" : last.outcome();
    }

    /** @return the health details: counts, last call, last failure, rate-limit refusals */
    Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", calls.get());
        m.put("failures", failures.get());
        Last last = lastCall.get();
        if (last != null) {
            m.put("lastCall", last.describe());
        }
        Last failure = lastFailure.get();
        if (failure != null) {
            m.put("lastFailure", failure.describe());
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("refusedCalls", rateLimited.get());
        Instant at = lastRateLimited.get();
        if (at != null) {
            limits.put("lastRefusedAt", at.toString());
        }
        m.put("rateLimit", limits);
        return m;
    }
}
