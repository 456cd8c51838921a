/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.TransportException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The in-JVM gate in front of the shared {@code PermitSource}: a sliding-log limiter that keeps the
 * calls the server sees within {@code limit} per {@code window}, counting each permit until a window
 * after its exchange ended (a grant-time budget cannot: a request may reach the server well after its
 * permit was granted, on a loaded machine).
 *
 * <p>A permit counts against the window from the moment it is granted until {@code window} after it
 * is released (the exchange ended). Since a request reaches the server after its permit was granted
 * and before its exchange ended, any two requests 'limit' places apart arrive at least {@code window}
 * apart, however long a thread sat between the grant and the send. A safety margin is added to the
 * window on top, for a request the client gave up on that still arrives late.
 *
 * <p>Waiting callers queue on a fair lock; a caller that cannot get a permit within its maximum wait
 * gets a {@link RateLimitedException} with code {@value #CLIENT_RATE_LIMIT}.
 */
public final class RateLimiter {
    /** The code of the {@link RateLimitedException} raised when no permit came in time: core's, as {@code support.Permits} raises it. */
    public static final String CLIENT_RATE_LIMIT = "CLIENT_RATE_LIMIT";
    /** Added to the window: covers a request that arrives after the client stopped waiting for it. */
    public static final Duration SAFETY_MARGIN = Duration.ofMillis(50);

    private final String providerId;
    private final LongSupplier nanoTicker;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    /** release times (ticker nanos) of permits still counting against the window, oldest first */
    private final ArrayDeque<Long> released = new ArrayDeque<>();
    private int limit;
    private long windowNanos;
    private int inFlight;
    private long granted;

    /**
     * @param providerId for error messages
     * @param limit permits per window, at least 1
     * @param window the window, positive
     * @param nanoTicker a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public RateLimiter(String providerId, int limit, Duration window, LongSupplier nanoTicker) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be >= 1 and window positive");
        }
        this.providerId = providerId;
        this.limit = limit;
        this.windowNanos = window.plus(SAFETY_MARGIN).toNanos();
        this.nanoTicker = nanoTicker;
    }

    /**
     * @param otherLimit permits per window
     * @param otherWindow its window
     * @return whether this limiter applies exactly these settings
     */
    public boolean hasSettings(int otherLimit, Duration otherWindow) {
        lock.lock();
        try {
            return limit == otherLimit && windowNanos == otherWindow.plus(SAFETY_MARGIN).toNanos();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies other settings, keeping the permits that still count against the window. Only for a
     * limiter no client holds any more (its last calls still count for the next client of the app).
     *
     * @param newLimit permits per window, at least 1
     * @param newWindow the window, positive
     */
    public void reconfigure(int newLimit, Duration newWindow) {
        if (newLimit < 1 || newWindow.isNegative() || newWindow.isZero()) {
            throw new IllegalArgumentException("limit must be >= 1 and window positive");
        }
        lock.lock();
        try {
            limit = newLimit;
            windowNanos = newWindow.plus(SAFETY_MARGIN).toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return permits per window */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** @return the window, without the safety margin */
    public Duration window() {
        lock.lock();
        try {
            return Duration.ofNanos(windowNanos).minus(SAFETY_MARGIN);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a permit.
     *
     * @param maxWait how long to wait at most; zero fails at once when none is free
     * @return the permit; close it when the exchange has ended, whatever its outcome
     * @throws RateLimitedException ({@value #CLIENT_RATE_LIMIT}, retryable) when no permit is free in time
     * @throws TransportException when interrupted
     */
    public Permit acquire(Duration maxWait) {
        long start = nanoTicker.getAsLong();
        long maxWaitNanos = maxWait.isNegative() ? 0 : saturatedNanos(maxWait);
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting for a rate-limit permit", e, false);
        }
        try {
            while (true) {
                long now = nanoTicker.getAsLong();
                purge(now);
                if (inFlight + released.size() < limit) {
                    inFlight++;
                    granted++;
                    return new Permit();
                }
                // the next permit frees when the oldest released one leaves the window; if every
                // permit is still in flight, only a release can tell when
                long freeIn = released.isEmpty() ? -1 : released.peekFirst() + windowNanos - now;
                long left = maxWaitNanos - (now - start);
                if (left <= 0 || freeIn > left) {
                    long hint = freeIn >= 0 ? freeIn : windowNanos;
                    throw new RateLimitedException(providerId, CLIENT_RATE_LIMIT, "no rate-limit permit within "
                            + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms (" + limit + " calls per "
                            + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms, shared by every client of this app)",
                            Duration.ofNanos(hint));
                }
                changed.awaitNanos(freeIn >= 0 ? Math.min(freeIn, left) : left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting for a rate-limit permit", e, false);
        } finally {
            lock.unlock();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private void purge(long now) {
        while (!released.isEmpty() && now - released.peekFirst() >= windowNanos) {
            released.pollFirst();
        }
    }

    private void release() {
        lock.lock();
        try {
            inFlight--;
            released.addLast(nanoTicker.getAsLong());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether no permit counts against the window any more (nothing in flight, nothing recent) */
    public boolean isIdle() {
        lock.lock();
        try {
            purge(nanoTicker.getAsLong());
            return inFlight == 0 && released.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** @return permits granted since creation */
    public long granted() {
        lock.lock();
        try {
            return granted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "RateLimiter[" + limit + " per " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms, in flight "
                    + inFlight + ", recent " + released.size() + "]";
        } finally {
            lock.unlock();
        }
    }

    /** A granted permit; {@link #close()} it when the exchange has ended. Closing twice is harmless. */
    public final class Permit implements AutoCloseable {
        private boolean closed;

        private Permit() {}

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release();
        }
    }
}
