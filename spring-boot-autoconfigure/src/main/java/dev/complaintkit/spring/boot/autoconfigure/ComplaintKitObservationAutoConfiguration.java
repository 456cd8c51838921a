/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.micrometer.ComplaintClientObservationConvention;
import dev.complaintkit.micrometer.ObservationClientObserver;
import dev.complaintkit.micrometer.ObservedHttpTransport;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Observes every client call ({@code complaintkit.client.requests}) and every HTTP exchange
 * ({@code http.client.requests}) through the application's {@link ObservationRegistry}, when
 * Micrometer and {@code complaintkit-micrometer} are present. Turn off with
 * {@code complaintkit.observations.enabled=false}.
 */
@AutoConfiguration(before = ComplaintKitAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, ObservationClientObserver.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "complaintkit.observations", name = "enabled", matchIfMissing = true)
public class ComplaintKitObservationAutoConfiguration {

    /** Creates the configuration. */
    public ComplaintKitObservationAutoConfiguration() {}

    /**
     * @param registry the application's registry
     * @param convention the application's convention, if any
     * @return the observer every client is built with
     */
    @Bean
    public ObservationClientObserver complaintkitObservationClientObserver(ObservationRegistry registry,
            ObjectProvider<ComplaintClientObservationConvention> convention) {
        return new ObservationClientObserver(registry, convention.getIfUnique());
    }

    /**
     * @param registry the application's registry
     * @return the decorator that observes each HTTP exchange
     */
    @Bean
    public HttpTransportDecorator complaintkitObservedHttpTransport(ObservationRegistry registry) {
        return transport -> new ObservedHttpTransport(transport, registry);
    }
}
