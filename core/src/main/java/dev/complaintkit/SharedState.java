/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import java.util.Objects;

/**
 * The state that instances of one back end share: rate permits, access tokens and processed
 * notifications. Pass one to each client builder ({@link Complaints.Builder#sharedState}); clients
 * made with the same state share budgets, tokens and dedupe. {@link #jvm()} is the JVM-wide default;
 * a distributed implementation (e.g. {@code complaintkit-redis}) shares them across JVMs.
 *
 * @param permits rate budgets
 * @param tokens access tokens
 * @param notifications processed notification ids
 */
public record SharedState(PermitSource permits, TokenStore tokens, ProcessedNotifications notifications) {
    private static final SharedState JVM = new SharedState(PermitSource.inJvm(), TokenStore.inJvm(),
            ProcessedNotifications.inMemory());

    public SharedState {
        Objects.requireNonNull(permits, "permits");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(notifications, "notifications");
    }

    /** @return the JVM-wide state every client uses unless given another */
    public static SharedState jvm() {
        return JVM;
    }

    /** @return a new, isolated in-JVM state (tests, or parts of one JVM that must not share) */
    public static SharedState isolated() {
        return new SharedState(PermitSource.inJvm(), TokenStore.inJvm(), ProcessedNotifications.inMemory());
    }
}
