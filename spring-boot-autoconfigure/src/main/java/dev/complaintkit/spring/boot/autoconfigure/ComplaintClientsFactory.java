/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ClientObserver;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.port.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds every client of {@code complaintkit.clients}: maps {@code complaintkit.clients.<name>.<setting>}
 * onto the provider's {@code <provider>.<setting>} keys (reading {@code file:} and {@code classpath:}
 * values), builds each, and reports every violation of every client at once, each named by the
 * property as the user wrote it.
 */
final class ComplaintClientsFactory {
    static final String PROVIDER = "provider";

    private final ResourceLoader resources;
    private final HttpTransport transport;
    private final ProcessedNotifications processed;
    private final SharedState sharedState;
    private final RetryPolicy retryPolicy;
    private final List<ClientObserver> observers;
    private final List<ComplaintClientCustomizer> customizers;
    private final Clock clock;

    ComplaintClientsFactory(ResourceLoader resources, HttpTransport transport, ProcessedNotifications processed,
            SharedState sharedState, RetryPolicy retryPolicy, List<ClientObserver> observers,
            List<ComplaintClientCustomizer> customizers, Clock clock) {
        this.resources = resources;
        this.transport = transport;
        this.processed = processed;
        this.sharedState = sharedState;
        this.retryPolicy = retryPolicy;
        this.observers = List.copyOf(observers);
        this.customizers = List.copyOf(customizers);
        this.clock = clock;
    }

    ComplaintClients create(Map<String, Map<String, String>> configured) {
        List<Violation> violations = new ArrayList<>();
        Map<String, ComplaintClient> clients = new LinkedHashMap<>();
        Map<String, ClientActivity> activity = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : configured.entrySet()) {
            String name = e.getKey();
            ClientActivity act = new ClientActivity(clock);
            ComplaintClient client = create(name, e.getValue() == null ? Map.of() : e.getValue(), act, violations);
            if (client != null) {
                clients.put(name, client);
                activity.put(name, act);
            }
        }
        if (!violations.isEmpty()) {
            clients.values().forEach(ComplaintClient::close);
            throw new ComplaintClientsConfigurationException(violations);
        }
        return new ComplaintClients(clients, activity);
    }

    private ComplaintClient create(String name, Map<String, String> written, ClientActivity activity, List<Violation> violations) {
        String prefix = ComplaintKitProperties.PREFIX + ".clients." + name + ".";
        String providerId = null;
        Map<String, String> asWritten = new LinkedHashMap<>(); // setting -> key as written
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : written.entrySet()) {
            String setting = setting(s.getKey());
            if (setting.equals(PROVIDER)) {
                providerId = s.getValue() == null ? "" : s.getValue().strip();
                continue;
            }
            asWritten.put(setting, s.getKey());
            values.put(setting, s.getValue());
        }
        if (providerId == null || providerId.isEmpty()) {
            violations.add(new Violation(prefix + PROVIDER, "required",
                    "is required: the id of the provider this client uses (e.g. wechatpay, allinpay, yima, xiaoe)"));
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        for (Map.Entry<String, String> v : values.entrySet()) {
            String value = v.getValue();
            String property = prefix + asWritten.get(v.getKey());
            if (value != null && (value.startsWith("file:") || value.startsWith("classpath:"))) {
                value = read(property, value, violations);
                if (value == null) {
                    unreadable.add(v.getKey());
                    continue;
                }
            }
            properties.put(providerId + "." + v.getKey(), value);
        }
        Complaints.Builder builder = Complaints.builder()
                .providerId(providerId)
                .properties(properties)
                .name(name)
                .transport(transport)
                .processedNotifications(scoped(processed, name))
                .clock(clock)
                .observer(activity);
        if (sharedState != null) {
            builder.sharedState(sharedState);
        }
        if (retryPolicy != null) {
            builder.retryPolicy(retryPolicy);
        }
        observers.forEach(builder::observer);
        for (ComplaintClientCustomizer c : customizers) {
            c.customize(name, providerId, builder);
        }
        try {
            ComplaintClient client = builder.build();
            if (!unreadable.isEmpty()) {
                client.close();
                return null;
            }
            return client;
        } catch (ConfigurationException e) {
            if (e.violations().isEmpty()) {
                violations.add(new Violation(prefix + PROVIDER, "provider", e.getMessage()));
            } else {
                for (Violation v : e.violations()) {
                    // a setting whose resource could not be read was reported already, not as missing
                    if (!unreadable.contains(v.field().substring(v.field().indexOf('.') + 1))) {
                        violations.add(renamed(v, providerId, prefix, asWritten));
                    }
                }
            }
            return null;
        }
    }

    /**
     * The provider's key {@code <provider>.<setting>} renamed to the property as written; keys in the
     * message renamed to the properties' canonical spelling.
     */
    private static Violation renamed(Violation v, String providerId, String prefix, Map<String, String> asWritten) {
        String own = providerId + ".";
        String field = v.field().startsWith(own)
                ? prefix + asWritten.getOrDefault(v.field().substring(own.length()), v.field().substring(own.length()))
                : prefix + v.field();
        Matcher m = Pattern.compile("\\b" + Pattern.quote(providerId) + "\\.([a-z0-9][a-z0-9-]*)").matcher(v.message());
        StringBuilder message = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(message, Matcher.quoteReplacement(prefix + m.group(1)));
        }
        m.appendTail(message);
        return new Violation(field, v.rule(), message.toString());
    }

    private String read(String property, String location, List<Violation> violations) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            violations.add(new Violation(property, "resource", "names " + location + ", which does not exist"));
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            violations.add(new Violation(property, "resource", "names " + location + ", which could not be read ("
                    + e.getClass().getSimpleName() + ")"));
            return null;
        }
    }

    /** One store shared by every client, each client's event ids apart. */
    private static ProcessedNotifications scoped(ProcessedNotifications store, String name) {
        return (key, ttl) -> store.markIfAbsent(name + "/" + key, ttl);
    }

    /**
     * @param written a setting's key as written: {@code api-v3-key}, {@code apiV3Key}, {@code api_v3_key}
     * @return the provider's spelling, lower-case and dashed: {@code api-v3-key}
     */
    static String setting(String written) {
        StringBuilder out = new StringBuilder(written.length() + 4);
        char prev = 0;
        for (char c : written.strip().toCharArray()) {
            if (c == '_') {
                c = '-';
            }
            if (Character.isUpperCase(c)) {
                if (prev != 0 && prev != '-' && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
            prev = c;
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
