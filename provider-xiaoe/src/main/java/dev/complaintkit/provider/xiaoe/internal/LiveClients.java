/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.PermitSource;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The live Xiaoe clients of this JVM per {@link PermitSource}, so that creating a client never
 * changes the limits of clients that already exist: one whose {@code rate-limit}/{@code rate-window}
 * differ from the live clients of the same app on the same permit source is refused. Once the last
 * client of an app is closed, the next one brings its own settings (the permit source still counts
 * the calls made within the window). Counts what {@code XiaoeSharedState.toString()} shows.
 */
public final class LiveClients {
    private static final Map<PermitSource, LiveClients> BY_SOURCE = Collections.synchronizedMap(new WeakHashMap<>());

    /** The settings and the number of live clients of one app. */
    private static final class App {
        final int limit;
        final Duration window;
        int clients;

        App(int limit, Duration window) {
            this.limit = limit;
            this.window = window;
        }
    }

    private final Map<String, App> apps = new HashMap<>();
    private final Map<String, Integer> tokenKeys = new HashMap<>();
    /** Per app and endpoint, the in-JVM gate in front of the shared budget. */
    private final Map<String, RateLimiter> limiters = new HashMap<>();

    private LiveClients() {}

    /** @param source a permit source @return the live clients that take permits from it */
    public static LiveClients of(PermitSource source) {
        return BY_SOURCE.computeIfAbsent(source, s -> new LiveClients());
    }

    /**
     * Registers a client.
     *
     * @param account the app at its endpoint (the budget's account)
     * @param appId the app, for the message
     * @param endpoint the endpoint, for the message
     * @param tokenKey the client's token identity
     * @param limit its permits per window
     * @param window its window
     * @throws ConfigurationException when live clients of the app use other settings
     */
    synchronized void register(String account, String appId, String endpoint, String tokenKey, int limit, Duration window) {
        App app = apps.get(account);
        if (app != null && app.clients > 0 && (app.limit != limit || !app.window.equals(window))) {
            throw new ConfigurationException(List.of(new Violation("xiaoe.rate-limit", "shared-limiter",
                    "must equal the settings of the other clients of app " + appId + " at " + endpoint
                            + " that share its rate limiter (they use " + app.limit + " calls per " + app.window
                            + ", this one asks for " + limit + " per " + window + "); a client never changes the limits of"
                            + " others: use the same xiaoe.rate-limit and xiaoe.rate-window, or give this client its own"
                            + " state with Complaints.builder().sharedState(SharedState.isolated()) (or"
                            + " XiaoeConfig.builder().sharedState(XiaoeSharedState.create()))")));
        }
        if (app == null || app.clients <= 0) {
            app = new App(limit, window);
            apps.put(account, app);
        }
        app.clients++;
        tokenKeys.merge(tokenKey, 1, Integer::sum);
    }

    /**
     * @param account the app
     * @param endpoint the endpoint
     * @param limit the budget's permits
     * @param window its window
     * @return the app's in-JVM limiter of that endpoint; live clients agree on the settings (see
     *     {@link #register}), so other settings mean the last clients are gone: the limiter takes them,
     *     keeping the permits that still count
     */
    synchronized RateLimiter limiter(String account, String endpoint, int limit, java.time.Duration window) {
        RateLimiter l = limiters.computeIfAbsent(account + ' ' + endpoint,
                k -> new RateLimiter(Answers.PROVIDER, limit, window, System::nanoTime));
        if (!l.hasSettings(limit, window)) {
            l.reconfigure(limit, window);
        }
        return l;
    }

    /**
     * @param account the app, as registered
     * @param tokenKey the token identity, as registered
     * @return whether that was the last live client of the token identity in this JVM
     */
    synchronized boolean release(String account, String tokenKey) {
        App app = apps.get(account);
        if (app != null && --app.clients <= 0) {
            apps.remove(account);
        }
        limiters.entrySet().removeIf(e -> !apps.containsKey(e.getKey().substring(0, e.getKey().indexOf(' ')))
                && e.getValue().isIdle());
        tokenKeys.computeIfPresent(tokenKey, (k, n) -> n <= 1 ? null : n - 1);
        return !tokenKeys.containsKey(tokenKey);
    }

    /** @return how many apps have live clients (one shared rate budget each) */
    public synchronized int apps() {
        return apps.size();
    }

    /** @return how many credential sets have live clients (one shared token each) */
    public synchronized int tokenKeys() {
        return tokenKeys.size();
    }
}
