/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintEvent;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A verified complaint notification, seen for the first time, published to the application's
 * listeners after the provider was answered:
 *
 * <pre>{@code
 * @EventListener
 * void on(ComplaintNotificationEvent n) {
 *     ComplaintDetail detail = n.client().detail(n.event().complaintId());
 *     ...
 * }
 * }</pre>
 *
 * <p>It is published on the webhook's own threads, once per event id (a re-delivery is answered
 * and dropped); a listener that throws is logged, and the delivery is not repeated.
 */
public class ComplaintNotificationEvent extends ApplicationEvent {
    private static final long serialVersionUID = 1L;

    private final transient ComplaintClient client;
    private final String clientName;
    private final transient ComplaintEvent event;

    /**
     * @param client the client the notification arrived for (its source)
     * @param event the verified event
     */
    public ComplaintNotificationEvent(ComplaintClient client, ComplaintEvent event) {
        super(client);
        this.client = client;
        this.clientName = client.name();
        this.event = Objects.requireNonNull(event, "event");
    }

    /** @return the name of the client ({@code complaintkit.clients.<name>}) */
    public String clientName() {
        return clientName;
    }

    /** @return the verified event */
    public ComplaintEvent event() {
        return event;
    }

    /** @return the client, to read the complaint or reply */
    public ComplaintClient client() {
        return client;
    }

    @Override
    public String toString() {
        return "ComplaintNotificationEvent[client=" + clientName + ", event=" + event.eventId() + ", type=" + event.type()
                + ", complaint=" + event.complaintId().value() + "]";
    }
}
