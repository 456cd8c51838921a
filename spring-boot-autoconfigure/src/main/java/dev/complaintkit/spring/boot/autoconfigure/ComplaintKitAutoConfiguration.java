/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ClientObserver;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.transport.JdkHttpTransport;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * The clients of {@code complaintkit.clients.<name>.*}: a {@link ComplaintClients} registry and one
 * {@code ComplaintClient} bean per name, built with the application's {@link HttpTransport},
 * {@link SharedState}, {@link RetryPolicy}, {@link ClientObserver} and
 * {@link ComplaintClientCustomizer} beans when it has them. Bad settings fail start-up with every
 * violation listed.
 */
@AutoConfiguration
@ConditionalOnClass(ComplaintClient.class)
@EnableConfigurationProperties(ComplaintKitProperties.class)
@Import(ComplaintClientBeansRegistrar.class)
public class ComplaintKitAutoConfiguration {

    /** Creates the configuration. */
    public ComplaintKitAutoConfiguration() {}

    /**
     * @param sharedState the application's shared state, whose notification store is used when it has one
     * @return the store of processed notification ids (in memory, 25 h) unless the application has one
     */
    @Bean
    @ConditionalOnMissingBean
    public ProcessedNotifications complaintkitProcessedNotifications(ObjectProvider<SharedState> sharedState) {
        SharedState state = sharedState.getIfUnique();
        return state != null ? state.notifications() : ProcessedNotifications.inMemory();
    }

    /**
     * @param properties the {@code complaintkit.*} properties
     * @param resources reads {@code file:} and {@code classpath:} values
     * @param processed the store of processed notification ids
     * @param transport the application's transport, if any
     * @param decorators transport decorators (observations)
     * @param sharedState the application's shared state, if any
     * @param retryPolicy the application's retry policy, if any
     * @param observers the application's client observers
     * @param customizers the application's client customizers
     * @return every configured client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ComplaintClients complaintClients(ComplaintKitProperties properties, ResourceLoader resources,
            ProcessedNotifications processed, ObjectProvider<HttpTransport> transport,
            ObjectProvider<HttpTransportDecorator> decorators, ObjectProvider<SharedState> sharedState,
            ObjectProvider<RetryPolicy> retryPolicy, ObjectProvider<ClientObserver> observers,
            ObjectProvider<ComplaintClientCustomizer> customizers) {
        HttpTransport t = transport.getIfUnique(JdkHttpTransport::shared);
        for (HttpTransportDecorator d : decorators.orderedStream().toList()) {
            t = d.decorate(t);
        }
        return new ComplaintClientsFactory(resources, t, processed, sharedState.getIfUnique(), retryPolicy.getIfUnique(),
                observers.orderedStream().toList(), customizers.orderedStream().toList(), Clock.systemUTC())
                .create(properties.getClients());
    }

    /** Masks secret client settings in {@code /actuator/env} and {@code /actuator/configprops}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class Sanitizing {
        @Bean
        ComplaintKitSanitizingFunction complaintkitSanitizingFunction() {
            return new ComplaintKitSanitizingFunction();
        }
    }
}
