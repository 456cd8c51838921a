/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The notification webhook: {@code POST <complaintkit.webhook.path>/<client name>}. Reads the raw
 * body, lets the client verify it through its provider (signature, time stamp, decryption) and
 * recognise repeats, answers in the provider's expected form, and only then publishes a new event
 * ({@link ComplaintNotificationEvent}) on the dispatcher's threads. A refused delivery is logged
 * with its reason, never with its body or headers. The raw body reaches it even when the provider
 * posts a form and another filter asked for a parameter: {@link NotificationBodyFilter} reads it first.
 */
@Controller
public class ComplaintNotificationController {
    private static final Log LOG = LogFactory.getLog(ComplaintNotificationController.class);

    private final ComplaintClients clients;
    private final NotificationDispatcher dispatcher;
    private final int maxBodyBytes;

    ComplaintNotificationController(ComplaintClients clients, NotificationDispatcher dispatcher, int maxBodyBytes) {
        this.clients = clients;
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param name the client's name
     * @param request the delivery
     * @param response the answer
     * @throws IOException when the answer cannot be written
     */
    @PostMapping("${complaintkit.webhook.path:/complaintkit/notifications}/{name}")
    public void receive(@PathVariable("name") String name, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<ComplaintClient> found = clients.find(name).filter(c -> c.capabilities().contains(Capability.NOTIFICATIONS));
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ComplaintClient client = found.get();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            LOG.warn("[" + name + "] refused a notification delivery: the body is longer than " + maxBodyBytes
                    + " bytes (complaintkit.webhook.max-body-size)");
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        NotificationResult result = client.receive(new NotificationDelivery(request.getMethod(), headers(request), body));
        write(result.reply(), response);
        if (result instanceof NotificationResult.Accepted accepted) {
            dispatcher.dispatch(client, accepted.event(), () -> {
                try {
                    response.flushBuffer();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } else if (result instanceof NotificationResult.Refused refused) {
            LOG.warn("[" + name + "] refused a notification delivery (" + refused.reason() + "): " + refused.message()
                    + "; answered " + refused.reply().status());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("[" + name + "] repeated notification " + result.verifiedEvent().map(e -> e.eventId()).orElse("")
                    + " acknowledged, not published again");
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h : Collections.list(request.getHeaderNames())) {
            headers.put(h, Collections.list(request.getHeaders(h)));
        }
        return headers;
    }

    private static void write(HttpReply reply, HttpServletResponse response) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        byte[] body = reply.body();
        if (body.length > 0) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
