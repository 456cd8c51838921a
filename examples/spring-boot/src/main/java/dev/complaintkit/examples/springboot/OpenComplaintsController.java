/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.spring.boot.autoconfigure.ComplaintClients;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /complaints/open}: every open complaint of every merchant that can list, nearest deadline first. */
@RestController
public class OpenComplaintsController {
    private final ComplaintClients clients;

    OpenComplaintsController(ComplaintClients clients) {
        this.clients = clients;
    }

    /**
     * One open complaint, without the complainant's personal data.
     *
     * @param client the merchant (client name)
     * @param provider the provider id
     * @param complaintId the complaint
     * @param state its state
     * @param reason what it is about
     * @param complainedAt when it was made
     * @param deadline when it must be answered, if the provider says
     * @param overdue whether the deadline has passed
     */
    public record OpenComplaint(String client, String provider, String complaintId, ComplaintState state, String reason,
            OffsetDateTime complainedAt, OffsetDateTime deadline, boolean overdue) {}

    /**
     * @param max at most this many complaints per merchant
     * @return the open complaints, nearest deadline first (those without one last)
     */
    @GetMapping("/complaints/open")
    public List<OpenComplaint> open(@RequestParam(name = "max", defaultValue = "50") int max) {
        List<OpenComplaint> open = new ArrayList<>();
        for (ComplaintClient client : clients) {
            if (!client.capabilities().contains(Capability.LIST_COMPLAINTS)) {
                continue;
            }
            try (var stream = client.complaints(ComplaintFilter.all())) {
                stream.filter(c -> c.state() != ComplaintState.PROCESSED)
                        .limit(Math.max(1, Math.min(max, 500)))
                        .map(c -> view(client, c))
                        .forEach(open::add);
            }
        }
        open.sort(Comparator.comparing(OpenComplaint::deadline, Comparator.nullsLast(Comparator.naturalOrder())));
        return open;
    }

    private static OpenComplaint view(ComplaintClient client, Complaint c) {
        return new OpenComplaint(client.name(), client.providerId(), c.id().value(), c.state(), c.reason(), c.complainedAt(),
                c.deadline().orElse(null), c.overdue());
    }
}
