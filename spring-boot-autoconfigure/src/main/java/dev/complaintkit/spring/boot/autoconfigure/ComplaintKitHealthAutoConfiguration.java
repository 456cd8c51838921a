/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A health contributor {@code complaintkit} with one indicator per client, making no provider call:
 * the provider, its capabilities, the calls made and failed, the last call and the last failure,
 * and how many calls a rate limit refused. A client is {@code UP} once configured; its last call
 * failing does not take the application down (the details say it).
 */
@AutoConfiguration(after = ComplaintKitAutoConfiguration.class)
@ConditionalOnClass({HealthContributor.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ComplaintClients.class)
@ConditionalOnEnabledHealthIndicator("complaintkit")
public class ComplaintKitHealthAutoConfiguration {

    /** Creates the configuration. */
    public ComplaintKitHealthAutoConfiguration() {}

    /**
     * @param clients the configured clients
     * @return one indicator per client, under {@code complaintkit}
     */
    @Bean
    @ConditionalOnMissingBean(name = "complaintkitHealthContributor")
    public HealthContributor complaintkitHealthContributor(ComplaintClients clients) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        clients.asMap().forEach((name, client) -> indicators.put(name, () -> {
            Health.Builder health = Health.up()
                    .withDetail("provider", client.providerId())
                    .withDetail("configured", true)
                    .withDetail("capabilities", client.capabilities().stream().map(Enum::name).sorted().toList());
            ClientActivity activity = clients.activity(name);
            if (activity != null) {
                health.withDetails(activity.details());
            }
            return health.build();
        }));
        if (indicators.isEmpty()) {
            indicators.put("clients", () -> Health.unknown().withDetail("configured", 0).build());
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
