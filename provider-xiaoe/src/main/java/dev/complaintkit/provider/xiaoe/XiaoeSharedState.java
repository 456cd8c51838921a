/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.provider.xiaoe.internal.SharedState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The access-token caches and rate limiters that Xiaoe clients share. Every client made with one
 * state shares, per app (endpoint and {@code app_id}), one rate limiter, and per credential set one
 * token cache: together they keep to the app's quota and fetch one token.
 *
 * <ul>
 *   <li>{@link #shared()}, the default of {@link XiaoeConfig.Builder#sharedState}, is one state for the
 *       whole JVM (and the only one clients configured from properties use);
 *   <li>{@link #create()} makes an isolated one: its clients share nothing with clients of another state
 *       (tests, or apps whose quota is divided between parts of one JVM on purpose).
 * </ul>
 *
 * <p>Creating a client never changes the limits of clients that already exist: a client of an app
 * whose {@code rate-limit}/{@code rate-window} differ from those of the live clients of that app in
 * the same state is refused with a {@link dev.complaintkit.error.ConfigurationException} (use the same
 * settings, or an isolated state). Once the last client of an app is closed, its limiter is dropped
 * when its window has emptied; a client created before that takes it over with its own settings, and
 * the calls made within the window still count. Thread-safe; holds no thread and nothing to close.
 */
public final class XiaoeSharedState {
    private static final XiaoeSharedState SHARED = new XiaoeSharedState("shared");
    private static final AtomicInteger ISOLATED = new AtomicInteger();

    private final SharedState state;

    private XiaoeSharedState(String name) {
        this.state = new SharedState(name);
    }

    /** @return the JVM-wide state every client uses unless given another */
    public static XiaoeSharedState shared() {
        return SHARED;
    }

    /** @return a new, isolated state: its clients share tokens and limits only with each other */
    public static XiaoeSharedState create() {
        return new XiaoeSharedState("isolated-" + ISOLATED.incrementAndGet());
    }

    /** @return the internals the adapter leases from */
    SharedState internals() {
        return state;
    }

    /** @return the name ({@code shared} or {@code isolated-<n>}) and how many limiters and token caches it holds */
    @Override
    public String toString() {
        return state.toString();
    }
}
