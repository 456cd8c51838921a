/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.time.Duration;
import java.util.List;

/**
 * What the clients of one {@code XiaoeSharedState} share: one rate limiter per app (endpoint and
 * {@code app_id}) and one access-token cache per credential set of an app.
 *
 * <p>A client never changes the limits of clients already holding a limiter: one whose
 * {@code rate-limit}/{@code rate-window} differ from theirs is refused with a
 * {@link ConfigurationException}. A limiter no client holds any more (it is kept until its window
 * has emptied) takes the settings of the next client, keeping the calls that still count.
 */
public final class SharedState {
    /** Identifies an app at an endpoint: what the rate limit applies to. */
    record AppKey(String endpoint, String appId) {}

    /** Identifies a credential set of an app: what a token is issued to. */
    record TokenKey(AppKey app, String clientId, String secretFingerprint) {
        @Override
        public String toString() {
            return "TokenKey[" + app + ", clientId=" + clientId + "]";
        }
    }

    private final String name;
    private final SharedRegistry<AppKey, RateLimiter> limiters = new SharedRegistry<>(RateLimiter::isIdle);
    private final SharedRegistry<TokenKey, TokenManager> tokens = new SharedRegistry<>(t -> true);

    /** @param name how {@link #toString()} names this state (never a secret) */
    public SharedState(String name) {
        this.name = name;
    }

    /**
     * @param app the app
     * @param limit the client's permits per window
     * @param window the client's window
     * @return the app's limiter, leased once more
     * @throws ConfigurationException when clients holding the app's limiter use other settings
     */
    RateLimiter leaseLimiter(AppKey app, int limit, Duration window) {
        return limiters.lease(app, k -> new RateLimiter(Answers.PROVIDER, limit, window, System::nanoTime), (held, leases) -> {
            if (held.hasSettings(limit, window)) {
                return;
            }
            if (leases > 0) {
                throw conflict(app, held, limit, window);
            }
            held.reconfigure(limit, window);
        });
    }

    private static ConfigurationException conflict(AppKey app, RateLimiter held, int limit, Duration window) {
        return new ConfigurationException(List.of(new Violation("xiaoe.rate-limit", "shared-limiter",
                "must equal the settings of the other clients of app " + app.appId() + " at " + app.endpoint()
                        + " that share its rate limiter (they use " + held.limit() + " calls per " + held.window()
                        + ", this one asks for " + limit + " per " + window + "); a client never changes the limits of"
                        + " others: use the same xiaoe.rate-limit and xiaoe.rate-window, or give this client its own"
                        + " state with XiaoeConfig.builder().sharedState(XiaoeSharedState.create())")));
    }

    /**
     * @param app the app
     * @param limiter what {@link #leaseLimiter} returned
     */
    void releaseLimiter(AppKey app, RateLimiter limiter) {
        limiters.release(app, limiter);
    }

    /**
     * @param key the credential set
     * @return its token cache, leased once more
     */
    TokenManager leaseTokens(TokenKey key) {
        return tokens.lease(key, k -> new TokenManager(key.app().appId()), (held, leases) -> {});
    }

    /**
     * @param key the credential set
     * @param cache what {@link #leaseTokens} returned
     */
    void releaseTokens(TokenKey key, TokenManager cache) {
        tokens.release(key, cache);
    }

    /** @return how many rate limiters are held (leased, or waiting for their window to empty) */
    public int limiterCount() {
        return limiters.size();
    }

    /** @return how many token caches are held */
    public int tokenCacheCount() {
        return tokens.size();
    }

    @Override
    public String toString() {
        return "XiaoeSharedState[" + name + ", rate limiters " + limiterCount() + ", token caches " + tokenCacheCount() + "]";
    }
}
