/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.SharedState;
import dev.complaintkit.provider.xiaoe.internal.LiveClients;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which access tokens and rate budgets a Xiaoe client shares. Tokens and budgets live in core's
 * {@link SharedState} — its {@code tokens()} (one single-flight token per credential set) and
 * {@code permits()} (one budget per app and endpoint) — so a distributed implementation (e.g. on
 * Redis) passed to {@code Complaints.builder().sharedState(...)} shares them across JVMs. This class
 * only chooses the state:
 *
 * <ul>
 *   <li>{@link #shared()}, the default of {@link XiaoeConfig.Builder#sharedState}: the client's own
 *       state, the one given to {@code Complaints.builder().sharedState(...)} (by default
 *       {@link SharedState#jvm()});
 *   <li>{@link #create()}: a new isolated in-JVM state, whatever the client's; its clients share nothing
 *       with clients of another (tests, or apps whose quota is divided between parts of one JVM on purpose).
 *       {@code Complaints.builder().sharedState(SharedState.isolated())} does the same for every provider.
 * </ul>
 *
 * <p>Creating a client never changes the limits of clients that already exist: a client of an app
 * whose {@code rate-limit}/{@code rate-window} differ from those of the live clients of that app in
 * the same state is refused with a {@link dev.complaintkit.error.ConfigurationException}. Thread-safe;
 * holds no thread and nothing to close.
 */
public final class XiaoeSharedState {
    private static final XiaoeSharedState SHARED = new XiaoeSharedState("shared", null);
    private static final AtomicInteger ISOLATED = new AtomicInteger();

    private final String name;
    private final SharedState state;

    private XiaoeSharedState(String name, SharedState state) {
        this.name = name;
        this.state = state;
    }

    /** @return the default: the client's own shared state */
    public static XiaoeSharedState shared() {
        return SHARED;
    }

    /** @return a new, isolated state: its clients share tokens and limits only with each other */
    public static XiaoeSharedState create() {
        return new XiaoeSharedState("isolated-" + ISOLATED.incrementAndGet(), SharedState.isolated());
    }

    /** @return the isolated state, or empty for {@link #shared()} (the client's own) */
    Optional<SharedState> state() {
        return Optional.ofNullable(state);
    }

    /** @return the name ({@code shared} or {@code isolated-<n>}) and, for an isolated one, how many apps and credential sets it serves */
    @Override
    public String toString() {
        SharedState s = state == null ? SharedState.jvm() : state;
        LiveClients live = LiveClients.of(s.permits());
        return "XiaoeSharedState[" + name + ", rate limiters " + live.apps() + ", token caches " + live.tokenKeys() + "]";
    }
}
