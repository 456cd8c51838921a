/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The notification webhook on Spring MVC (servlet stack):
 * {@code POST {complaintkit.webhook.path:/complaintkit/notifications}/<client name>} for every
 * client whose provider sends notifications. Off with {@code complaintkit.webhook.enabled=false}.
 */
@AutoConfiguration(after = ComplaintKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, HttpServletRequest.class})
@ConditionalOnBean(ComplaintClients.class)
@ConditionalOnProperty(prefix = "complaintkit.webhook", name = "enabled", matchIfMissing = true)
public class ComplaintKitWebhookAutoConfiguration {

    /** Creates the configuration. */
    public ComplaintKitWebhookAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    NotificationDispatcher complaintkitNotificationDispatcher(ComplaintKitProperties properties,
            ApplicationEventPublisher publisher, ComplaintClients clients) {
        ComplaintKitProperties.Webhook w = properties.getWebhook();
        // depends on the clients so that it drains before they are closed
        return new NotificationDispatcher(publisher, w.getThreads(), w.getQueueCapacity(), w.getShutdownGrace());
    }

    @Bean
    @ConditionalOnMissingBean
    ComplaintNotificationController complaintkitNotificationController(ComplaintClients clients,
            NotificationDispatcher dispatcher, ComplaintKitProperties properties) {
        return new ComplaintNotificationController(clients, dispatcher, maxBodyBytes(properties));
    }

    /**
     * Reads a delivery's raw body before any other filter can consume a form body as parameters
     * (Allinpay posts {@code application/x-www-form-urlencoded} and signs its fields).
     */
    @Bean
    @ConditionalOnMissingBean(name = "complaintkitNotificationBodyFilter")
    FilterRegistrationBean<NotificationBodyFilter> complaintkitNotificationBodyFilter(ComplaintKitProperties properties) {
        FilterRegistrationBean<NotificationBodyFilter> registration =
                new FilterRegistrationBean<>(new NotificationBodyFilter(maxBodyBytes(properties)));
        String path = properties.getWebhook().getPath().replaceAll("/+$", "");
        registration.addUrlPatterns((path.startsWith("/") ? path : "/" + path) + "/*");
        registration.setName("complaintkitNotificationBodyFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static int maxBodyBytes(ComplaintKitProperties properties) {
        return (int) Math.min(Integer.MAX_VALUE - 1, properties.getWebhook().getMaxBodySize().toBytes());
    }
}
