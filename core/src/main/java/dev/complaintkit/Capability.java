/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.CompletePort;
import dev.complaintkit.port.ImageDownloadPort;
import dev.complaintkit.port.ImageUploadPort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.port.NotificationUrlPort;
import dev.complaintkit.port.PhoneRevealPort;
import dev.complaintkit.port.RefundDecisionPort;
import dev.complaintkit.port.ReplyPort;
import java.util.EnumSet;
import java.util.Set;

/**
 * An operation a provider may offer, each backed by one port interface. A provider's capabilities
 * are the ports its adapter class implements ({@link #implementedBy(Class)}): there is no separate
 * declaration to drift. Calling an operation the provider lacks is an
 * {@code UnsupportedCapabilityException}.
 */
public enum Capability {
    /** List complaints ({@code ComplaintClient.complaints}). */
    LIST_COMPLAINTS("list complaints", ListComplaintsPort.class),
    /** Read one complaint's detail ({@code ComplaintClient.detail}). */
    DETAIL("complaint detail", ComplaintDetailPort.class),
    /** Read a complaint's negotiation history ({@code ComplaintClient.history}). */
    NEGOTIATION_HISTORY("negotiation history", NegotiationHistoryPort.class),
    /** Reveal an encrypted complainant phone ({@code ComplaintClient.revealPhone}). */
    REVEAL_PHONE("reveal phone", PhoneRevealPort.class),
    /** Download a complaint's image ({@code ComplaintClient.downloadImage}). */
    IMAGE_DOWNLOAD("image download", ImageDownloadPort.class),
    /** Reply to a complaint ({@code ComplaintClient.reply}). */
    REPLY("reply", ReplyPort.class),
    /** Mark a complaint handled ({@code ComplaintClient.complete}). */
    COMPLETE("complete", CompletePort.class),
    /** Approve or reject a refund request ({@code ComplaintClient.decideRefund}). */
    REFUND_DECISION("refund decision", RefundDecisionPort.class),
    /** Upload an image ({@code ComplaintClient.uploadImage}). */
    IMAGE_UPLOAD("image upload", ImageUploadPort.class),
    /** Receive notifications ({@code ComplaintClient.receive}). */
    NOTIFICATIONS("notifications", NotificationPort.class),
    /** Show, set and delete the notification URL ({@code ComplaintClient.notificationUrl}…). */
    NOTIFICATION_URL("notification URL", NotificationUrlPort.class);

    private final String operation;
    private final Class<?> port;

    Capability(String operation, Class<?> port) {
        this.operation = operation;
        this.port = port;
    }

    /** @return the operation's name for people, e.g. {@code reply} */
    public String operation() {
        return operation;
    }

    /** @return the port interface that backs it */
    public Class<?> port() {
        return port;
    }

    /**
     * @param adapterType a provider's adapter class
     * @return the capabilities whose ports it implements
     */
    public static Set<Capability> implementedBy(Class<?> adapterType) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if (c.port.isAssignableFrom(adapterType)) {
                set.add(c);
            }
        }
        return Set.copyOf(set);
    }
}
