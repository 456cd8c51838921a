/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import dev.complaintkit.ClientObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Observes every client call as one Micrometer {@link Observation} ({@code complaintkit.client.requests}
 * by default): started when the call begins, in scope on the caller's thread while it runs (so the
 * HTTP exchanges it makes are its children in a trace), stopped with its outcome. A failed call
 * also records its exception on the observation. Register it with
 * {@code Complaints.builder().observer(new ObservationClientObserver(registry))}.
 */
public final class ObservationClientObserver implements ClientObserver {
    private final ObservationRegistry registry;
    private final ComplaintClientObservationConvention convention;

    /** @param registry where observations go */
    public ObservationClientObserver(ObservationRegistry registry) {
        this(registry, null);
    }

    /**
     * @param registry where observations go
     * @param convention names and tags to use instead of the default (or of a global convention
     *     registered with the registry); {@code null} for those
     */
    public ObservationClientObserver(ObservationRegistry registry, ComplaintClientObservationConvention convention) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
    }

    @Override
    public Scope start(Call call) {
        ComplaintClientObservationContext context = new ComplaintClientObservationContext(call);
        Observation observation = ComplaintClientObservationDocumentation.CLIENT_REQUESTS
                .observation(convention, DefaultComplaintClientObservationConvention.INSTANCE, () -> context, registry)
                .start();
        Observation.Scope scope = observation.openScope();
        return result -> {
            try {
                context.setResult(result);
                result.error().ifPresent(observation::error);
            } finally {
                scope.close();
                observation.stop();
            }
        };
    }
}
