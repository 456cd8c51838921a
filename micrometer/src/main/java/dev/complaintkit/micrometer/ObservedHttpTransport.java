/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import dev.complaintkit.port.HttpTransport;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Wraps a transport so that each exchange is one {@code http.client.requests} observation (see
 * {@link HttpExchangeObservationConvention}). The request is sent unchanged: no tracing header is
 * added to a signed request. Every retry of a call is its own exchange.
 */
public final class ObservedHttpTransport implements HttpTransport {
    private final HttpTransport delegate;
    private final ObservationRegistry registry;
    private final HttpExchangeObservationConvention convention;

    /**
     * @param delegate the transport that sends
     * @param registry where observations go
     */
    public ObservedHttpTransport(HttpTransport delegate, ObservationRegistry registry) {
        this(delegate, registry, HttpExchangeObservationConvention.INSTANCE);
    }

    /**
     * @param delegate the transport that sends
     * @param registry where observations go
     * @param convention names and tags
     */
    public ObservedHttpTransport(HttpTransport delegate, ObservationRegistry registry, HttpExchangeObservationConvention convention) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = Objects.requireNonNull(convention, "convention");
    }

    @Override
    public Response exchange(Request request) {
        HttpExchangeObservationContext context = new HttpExchangeObservationContext(request);
        Observation observation = Observation.createNotStarted(convention, () -> context, registry).start();
        try (Observation.Scope scope = observation.openScope()) {
            Response response = delegate.exchange(request);
            context.setResponse(response);
            return response;
        } catch (RuntimeException | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    @Override
    public String toString() {
        return "ObservedHttpTransport[" + delegate + "]";
    }
}
