/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.shared;

import dev.complaintkit.TokenStore;
import dev.complaintkit.annotation.InternalApi;
import dev.complaintkit.error.SharedStateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The in-JVM {@link TokenStore}: one lock per key, so one thread fetches while the others wait for
 * its token.
 */
@InternalApi
public final class InJvmTokenStore implements TokenStore {
    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** A store on the system clock. */
    public InJvmTokenStore() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock validity is judged on */
    public InJvmTokenStore(Clock clock) {
        this.clock = clock;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicReference<Token> token = new AtomicReference<>();
    }

    @Override
    public Token get(String key, Duration minValidity, Duration maxWait, Function<Optional<Token>, Token> fetch) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Token current = slot.token.get();
        if (current != null && current.validFor(clock.instant(), minValidity)) {
            return current;
        }
        boolean locked;
        try {
            locked = slot.lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedStateException("interrupted while waiting for another caller's token fetch", e);
        }
        if (!locked) {
            throw new SharedStateException("another caller's token fetch did not finish within " + maxWait, null);
        }
        try {
            current = slot.token.get();
            if (current != null && current.validFor(clock.instant(), minValidity)) {
                return current; // fetched by the caller we waited for
            }
            Token fresh = fetch.apply(Optional.ofNullable(current));
            slot.token.set(fresh);
            return fresh;
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public void invalidate(String key, Token stale) {
        Slot slot = slots.get(key);
        if (slot != null) {
            slot.token.compareAndSet(stale, null);
        }
    }

    @Override
    public String toString() {
        return "InJvmTokenStore[" + slots.size() + " keys]";
    }
}
