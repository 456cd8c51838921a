/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.internal.shared.InJvmTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps providers' access tokens with single-flight renewal: when no stored token is valid long
 * enough, exactly one caller among all that share the store (all instances of a back end, for a
 * shared store) fetches a new one; the others wait for it. The in-JVM default serves one JVM.
 * Thread-safe.
 */
public interface TokenStore {

    /**
     * @param key the token's identity (provider, endpoint and credential set; never the secret itself)
     * @param minValidity how long the returned token must still be valid
     * @param maxWait how long to wait for another caller's fetch before failing
     * @param fetch fetches a new token, given the current one if any; runs in at most one caller at a time per key
     * @return a token valid for at least {@code minValidity}
     * @throws dev.complaintkit.error.ComplaintException what {@code fetch} throws, or a typed error when the
     *     wait is exceeded or the store fails closed
     */
    Token get(String key, Duration minValidity, Duration maxWait, Function<Optional<Token>, Token> fetch);

    /**
     * Drops the stored token when it is still {@code stale} (the provider refused it); a newer token
     * stored meanwhile is kept.
     *
     * @param key the token's identity
     * @param stale the refused token
     */
    void invalidate(String key, Token stale);

    /** @return a new in-JVM store on the system clock */
    static TokenStore inJvm() {
        return new InJvmTokenStore();
    }

    /**
     * @param clock the clock validity is judged on
     * @return a new in-JVM store
     */
    static TokenStore inJvm(java.time.Clock clock) {
        return new InJvmTokenStore(clock);
    }

    /**
     * An access token.
     *
     * @param value the token
     * @param expiresAt when the provider stops accepting it
     */
    record Token(Secret value, Instant expiresAt) {
        public Token {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /**
         * @param now the time
         * @param minValidity the margin
         * @return whether it is valid until now + margin
         */
        public boolean validFor(Instant now, Duration minValidity) {
            return expiresAt.isAfter(now.plus(minValidity));
        }
    }
}
