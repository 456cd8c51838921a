/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code complaintkit.*} properties.
 *
 * <pre>
 * complaintkit.clients.shop1.provider=wechatpay
 * complaintkit.clients.shop1.mchid=1900012181
 * complaintkit.clients.shop1.api-v3-key=${WECHATPAY_API_V3_KEY}
 * complaintkit.clients.shop1.private-key=file:/etc/shop1/apiclient_key.pem
 * </pre>
 */
@ConfigurationProperties(prefix = ComplaintKitProperties.PREFIX)
public class ComplaintKitProperties {
    /** The properties' prefix. */
    public static final String PREFIX = "complaintkit";

    /**
     * The clients, by name: {@code provider} (the provider id, e.g. {@code wechatpay}) and that
     * provider's own settings, the {@code <setting>} part of its {@code <provider>.<setting>} keys
     * (e.g. {@code mchid}, {@code api-v3-key}). A value starting with {@code file:} or
     * {@code classpath:} is read from that resource (keys, certificates).
     */
    private Map<String, Map<String, String>> clients = new LinkedHashMap<>();

    /** The notification webhook. */
    private final Webhook webhook = new Webhook();

    /** @return the clients' settings, by client name */
    public Map<String, Map<String, String>> getClients() {
        return clients;
    }

    /** @param clients the clients' settings, by client name */
    public void setClients(Map<String, Map<String, String>> clients) {
        this.clients = clients;
    }

    /** @return the webhook settings */
    public Webhook getWebhook() {
        return webhook;
    }

    /** The notification webhook: {@code POST <path>/<client name>}. */
    public static class Webhook {
        /** Whether to expose the notification endpoint (servlet web applications only). */
        private boolean enabled = true;

        /** The endpoint's base path; each client's notifications arrive at {@code <path>/<client name>}. */
        private String path = "/complaintkit/notifications";

        /** Threads that publish accepted notifications to the application's listeners. */
        private int threads = 2;

        /** Accepted notifications that may wait for a thread; beyond it the request thread publishes (after answering). */
        private int queueCapacity = 1000;

        /** The largest notification body read; a longer one is refused unread. */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);

        /** How long shutting down waits for queued notifications to be published. */
        private Duration shutdownGrace = Duration.ofSeconds(10);

        /** @return whether the endpoint is exposed */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the endpoint is exposed */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the base path */
        public String getPath() {
            return path;
        }

        /** @param path the base path */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return the publishing threads */
        public int getThreads() {
            return threads;
        }

        /** @param threads the publishing threads */
        public void setThreads(int threads) {
            this.threads = threads;
        }

        /** @return the queue's capacity */
        public int getQueueCapacity() {
            return queueCapacity;
        }

        /** @param queueCapacity the queue's capacity */
        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        /** @return the largest body read */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /** @param maxBodySize the largest body read */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        /** @return how long shutting down waits */
        public Duration getShutdownGrace() {
            return shutdownGrace;
        }

        /** @param shutdownGrace how long shutting down waits */
        public void setShutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
        }
    }
}
