/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock a test moves by hand, for token expiry, rate windows and time stamps:
 * {@code Complaints.builder().clock(clock)}, then {@link #advance(Duration)}. Thread-safe.
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /**
     * @param start the first instant
     * @return a clock standing at {@code start}
     */
    public static TestClock at(Instant start) {
        return new TestClock(Objects.requireNonNull(start, "start"));
    }

    /** @param step how far to move the clock forward */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public String toString() {
        return "TestClock[" + now + "]";
    }
}
