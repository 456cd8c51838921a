/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock core's tests set and move by hand. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param now the time it starts at */
    public MutableClock(Instant now) {
        this.now = now;
    }

    /** @param step how far to move it */
    public synchronized void advance(Duration step) {
        now = now.plus(step);
    }

    /** @param time the new time */
    public void set(Instant time) {
        now = time;
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
}
