/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.spi.ComplaintProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers found on a class path through {@link ServiceLoader}, by id. Built by
 * {@link Complaints#discover()}. Deterministic: ids are unique (two providers claiming one id fail
 * discovery, naming both classes) and listed in id order. A provider that fails to load is
 * reported in {@link #failures()} and through {@code System.Logger}, and skipped.
 */
public final class ProviderRegistry {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.discovery");

    private final Map<String, ComplaintProvider<?>> byId;
    private final List<String> failures;

    private ProviderRegistry(Map<String, ComplaintProvider<?>> byId, List<String> failures) {
        this.byId = Collections.unmodifiableMap(byId);
        this.failures = List.copyOf(failures);
    }

    static ProviderRegistry load(ClassLoader loader) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Iterator<ComplaintProvider<?>> it = (Iterator) ServiceLoader.load(ComplaintProvider.class, loader).iterator();
        Map<String, ComplaintProvider<?>> found = new TreeMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int guard = 0; guard < 10_000; guard++) {
            ComplaintProvider<?> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                String report = "A complaint provider could not be loaded and was skipped: " + describe(e);
                failures.add(report);
                LOG.log(System.Logger.Level.WARNING, report);
                continue;
            }
            String id;
            try {
                id = provider.id();
            } catch (RuntimeException e) {
                String report = "Provider " + provider.getClass().getName() + " failed in id() and was skipped: " + describe(e);
                failures.add(report);
                LOG.log(System.Logger.Level.WARNING, report);
                continue;
            }
            ComplaintProvider<?> previous = found.putIfAbsent(id, provider);
            if (previous != null) {
                duplicates.computeIfAbsent(id, k -> new ArrayList<>(List.of(previous.getClass().getName())))
                        .add(provider.getClass().getName());
            }
        }
        if (!duplicates.isEmpty()) {
            StringBuilder msg = new StringBuilder("More than one complaint provider claims the same id; keep one jar per provider:");
            duplicates.forEach((id, classes) -> msg.append("\n  - '").append(id).append("': ").append(String.join(", ", classes)));
            throw new ConfigurationException(msg.toString());
        }
        return new ProviderRegistry(found, failures);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c.getClass().getName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    /** @return the providers found, in id order */
    public List<ComplaintProvider<?>> providers() {
        return List.copyOf(byId.values());
    }

    /** @return the ids found, in order */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * @param id a provider id
     * @return the provider with that id
     */
    public Optional<ComplaintProvider<?>> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * @param id a provider id
     * @return the provider with that id
     * @throws ConfigurationException naming the ids found and the artifact to add
     */
    public ComplaintProvider<?> require(String id) {
        ComplaintProvider<?> provider = byId.get(id);
        if (provider == null) {
            throw new ConfigurationException("No complaint provider with id '" + id + "' on the class path; found: "
                    + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet()))
                    + ". Add the artifact dev.complaintkit:complaintkit-provider-" + id
                    + " (or the module that provides '" + id + "') to the class path."
                    + (failures.isEmpty() ? "" : " Note: " + failures.size() + " provider(s) failed to load: " + failures));
        }
        return provider;
    }

    /** @return one report per provider that failed to load and was skipped */
    public List<String> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "ProviderRegistry" + byId.keySet() + (failures.isEmpty() ? "" : " (" + failures.size() + " failed)");
    }
}
