/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ComplaintClient;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Every configured client, by name ({@code complaintkit.clients.<name>}), in configuration order.
 * A bean; each client is also a {@link ComplaintClient} bean qualified by its name. Closing it
 * closes the clients (the application context does so on shutdown).
 */
public final class ComplaintClients implements Iterable<ComplaintClient>, AutoCloseable {
    private final Map<String, ComplaintClient> clients;
    private final Map<String, ClientActivity> activity;

    ComplaintClients(Map<String, ComplaintClient> clients, Map<String, ClientActivity> activity) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        this.activity = Map.copyOf(activity);
    }

    /**
     * @param name a client's name
     * @return the client
     * @throws NoSuchElementException naming the configured clients when there is none by that name
     */
    public ComplaintClient get(String name) {
        ComplaintClient client = clients.get(name);
        if (client == null) {
            throw new NoSuchElementException("No complaint client named '" + name + "'; configured: " + clients.keySet()
                    + " (complaintkit.clients.<name>.provider)");
        }
        return client;
    }

    /** @param name a client's name @return the client, if one is configured by that name */
    public Optional<ComplaintClient> find(String name) {
        return Optional.ofNullable(clients.get(name));
    }

    /** @return the clients' names, in configuration order */
    public Set<String> names() {
        return clients.keySet();
    }

    /** @return the clients by name, in configuration order */
    public Map<String, ComplaintClient> asMap() {
        return clients;
    }

    /** @return how many clients are configured */
    public int size() {
        return clients.size();
    }

    @Override
    public Iterator<ComplaintClient> iterator() {
        return clients.values().iterator();
    }

    ClientActivity activity(String name) {
        return activity.get(name);
    }

    /** Closes every client. */
    @Override
    public void close() {
        clients.values().forEach(ComplaintClient::close);
    }

    @Override
    public String toString() {
        return "ComplaintClients" + clients.keySet();
    }
}
