/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import dev.complaintkit.SharedState;
import dev.complaintkit.port.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the client lends a provider instance at creation: the HTTP transport to use (the shared
 * JDK transport, or a test or recording one), the clock, the per-request time-out, and the state
 * shared with other clients (rate permits and access tokens; see {@link SharedState}).
 *
 * @param transport every exchange goes through it
 * @param clock for token expiry, time stamps and rate windows
 * @param requestTimeout how long one exchange may take
 * @param sharedState the rate permits, tokens and notification ids shared with other clients
 */
public record ProviderContext(HttpTransport transport, Clock clock, Duration requestTimeout, SharedState sharedState) {
    /** The request time-out when none is set: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest request time-out accepted: one hour. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public ProviderContext {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sharedState, "sharedState");
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("requestTimeout must be positive and at most " + MAX_TIMEOUT
                    + " (was " + requestTimeout + ")");
        }
    }

    /**
     * A context on the JVM-wide {@link SharedState#jvm() shared state}.
     *
     * @param transport every exchange goes through it
     * @param clock for token expiry, time stamps and rate windows
     * @param requestTimeout how long one exchange may take
     */
    public ProviderContext(HttpTransport transport, Clock clock, Duration requestTimeout) {
        this(transport, clock, requestTimeout, SharedState.jvm());
    }

    /** @return the shared JDK transport, the system clock and a 30-second time-out */
    public static ProviderContext defaults() {
        return new ProviderContext(dev.complaintkit.transport.JdkHttpTransport.shared(), Clock.systemUTC(), DEFAULT_TIMEOUT);
    }

    /**
     * @param transport another transport
     * @return a copy using it
     */
    public ProviderContext withTransport(HttpTransport transport) {
        return new ProviderContext(transport, clock, requestTimeout, sharedState);
    }

    /**
     * @param state another shared state
     * @return a copy using it
     */
    public ProviderContext withSharedState(SharedState state) {
        return new ProviderContext(transport, clock, requestTimeout, state);
    }
}
