/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The access-token cache of one Xiaoe app, shared by every client of that app in the JVM.
 *
 * <ul>
 *   <li>A token is reused until its renewal point: {@code expires_in} after it was asked for, less the
 *       renewal margin (at most half the lifetime, so a short-lived token is not renewed on every call).</li>
 *   <li>Single flight: one caller fetches; every other caller waits for that fetch (or, while the old
 *       token is still valid, keeps using it). A failed fetch fails every caller waiting for it, and
 *       the next call tries again.</li>
 *   <li>{@link #invalidate(Secret)} drops a token the server refused, only if it is still the cached
 *       one, so many callers refused at once cause a single renewal.</li>
 * </ul>
 * The token is a {@link Secret}: it is never logged or put in a message.
 */
public final class TokenManager {
    /** What the token endpoint answered. */
    public record Fetched(Secret token, Duration expiresIn) {}

    /** Fetches a fresh token (one exchange with the token endpoint). */
    @FunctionalInterface
    public interface Fetcher {
        /**
         * @return the fresh token
         * @throws ComplaintException when the endpoint refused or failed
         */
        Fetched fetch();
    }

    private record Cached(Secret token, Instant renewAt, Instant expiresAt) {}

    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.xiaoe.token");

    private final String appId;
    private final Object lock = new Object();
    private volatile Cached current;
    private CompletableFuture<Cached> inFlight;
    private long fetches;

    /** @param appId the app, for log lines */
    public TokenManager(String appId) {
        this.appId = appId;
    }

    /**
     * @param clock the caller's clock, for expiry
     * @param maxWait how long to wait for another caller's fetch
     * @param renewalMargin renew this long before expiry (capped at half the token's lifetime)
     * @param fetcher fetches a fresh token when one is needed and this caller is the one to fetch it
     * @return a token believed valid
     */
    public Secret token(Clock clock, Duration maxWait, Duration renewalMargin, Fetcher fetcher) {
        Instant now = clock.instant();
        Cached c = current;
        if (c != null && now.isBefore(c.renewAt())) {
            return c.token();
        }
        CompletableFuture<Cached> flight;
        boolean leader = false;
        synchronized (lock) {
            c = current;
            if (c != null && now.isBefore(c.renewAt())) {
                return c.token();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            flight = inFlight;
        }
        if (leader) {
            return lead(flight, clock, renewalMargin, fetcher).token();
        }
        if (c != null && now.isBefore(c.expiresAt())) {
            return c.token(); // another caller is renewing; the old token is still good
        }
        return await(flight, maxWait).token();
    }

    private Cached lead(CompletableFuture<Cached> flight, Clock clock, Duration renewalMargin, Fetcher fetcher) {
        try {
            Instant askedAt = clock.instant();
            Fetched f = fetcher.fetch();
            Duration lifetime = f.expiresIn().isNegative() ? Duration.ZERO : f.expiresIn();
            Duration margin = renewalMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : renewalMargin;
            Instant expiresAt = plusSaturated(askedAt, lifetime);
            Cached fresh = new Cached(f.token(), expiresAt.minus(margin), expiresAt);
            long n;
            synchronized (lock) {
                current = fresh;
                inFlight = null;
                n = ++fetches;
            }
            flight.complete(fresh);
            LOG.log(System.Logger.Level.DEBUG, () -> "[xiaoe] access token #" + n + " obtained for app " + appId
                    + ", valid for " + lifetime.toSeconds() + " s, renewed after " + lifetime.minus(margin).toSeconds() + " s");
            return fresh;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;
            }
            flight.completeExceptionally(e);
            throw e;
        }
    }

    /** @return {@code at + d}, or {@link Instant#MAX} when that lies beyond it */
    private static Instant plusSaturated(Instant at, Duration d) {
        return Duration.between(at, Instant.MAX).compareTo(d) <= 0 ? Instant.MAX : at.plus(d);
    }

    private static Cached await(CompletableFuture<Cached> flight, Duration maxWait) {
        long waitMillis = maxWait.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toMillis() : maxWait.toMillis();
        try {
            return flight.get(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ComplaintException ce) {
                throw ce;
            }
            throw new ComplaintException("[xiaoe] getting an access token failed: "
                    + (cause == null ? "unknown" : cause.getClass().getName()), cause, false);
        } catch (TimeoutException e) {
            throw new TransportException("[xiaoe] timed out after " + waitMillis
                    + " ms waiting for the access token another call is fetching", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("[xiaoe] interrupted while waiting for the access token", e, false);
        }
    }

    /**
     * Drops the cached token if it is the one given (the server said it is missing, expired or unknown).
     *
     * @param refused the token the server refused
     */
    public void invalidate(Secret refused) {
        synchronized (lock) {
            Cached c = current;
            if (c != null && c.token().equals(refused)) {
                current = null;
                LOG.log(System.Logger.Level.DEBUG, () -> "[xiaoe] access token for app " + appId
                        + " refused by the server; it will be renewed");
            }
        }
    }

    /** @return how many tokens this cache fetched */
    public long fetches() {
        synchronized (lock) {
            return fetches;
        }
    }

    @Override
    public String toString() {
        return "TokenManager[app=" + appId + ", cached=" + (current != null) + "]";
    }
}
