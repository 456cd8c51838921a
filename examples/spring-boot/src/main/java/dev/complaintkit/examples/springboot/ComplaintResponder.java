/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.spring.boot.autoconfigure.ComplaintNotificationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On a new complaint: read its detail, reply with the merchant's template, and mark it handled.
 * Each step runs only when the provider offers it. The reply's idempotency key is derived from the
 * notification's event id, so a retried reply is never sent twice.
 */
@Component
public class ComplaintResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintResponder.class);

    private final MerchantProperties merchant;

    ComplaintResponder(MerchantProperties merchant) {
        this.merchant = merchant;
    }

    /** @param n a verified, new notification */
    @EventListener
    public void on(ComplaintNotificationEvent n) {
        ComplaintEvent event = n.event();
        ComplaintClient client = n.client();
        LOG.info("[{}] notification {}: {} {} for complaint {}", n.clientName(), event.eventId(), event.rawType(),
                event.action(), event.complaintId().value());
        if (event.type() != ComplaintEvent.Type.CREATED) {
            return; // a state change: nothing to answer automatically
        }
        String reason = "";
        String order = "-";
        if (client.capabilities().contains(Capability.DETAIL)) {
            ComplaintDetail detail = client.detail(event.complaintId());
            reason = detail.complaint().reason();
            order = detail.orders().isEmpty() ? detail.complaint().orderReference() : detail.orders().get(0).merchantOrderNo();
            if (order == null || order.isBlank()) {
                order = "-";
            }
            LOG.info("[{}] complaint {}: {} (state {}, deadline {})", n.clientName(), event.complaintId().value(), reason,
                    detail.complaint().state(), detail.complaint().deadline().map(Object::toString).orElse("none"));
        }
        if (!client.capabilities().contains(Capability.REPLY)) {
            LOG.info("[{}] provider {} takes no replies: answer complaint {} in its console", n.clientName(),
                    client.providerId(), event.complaintId().value());
            return;
        }
        String text = merchant.replyTemplate().replace("{reason}", reason).replace("{order}", order);
        ReplyReceipt receipt = client.reply(ReplyRequest.builder(event.complaintId().value()).text(text)
                .idempotencyKey("auto-" + event.eventId()).build());
        LOG.info("[{}] replied to complaint {} (idempotency key {}): {}", n.clientName(), event.complaintId().value(),
                receipt.idempotencyKey(), text);
        if (merchant.completeAfterReply() && client.capabilities().contains(Capability.COMPLETE)) {
            client.complete(ComplaintRef.of(event.complaintId()));
            LOG.info("[{}] marked complaint {} complete", n.clientName(), event.complaintId().value());
        }
    }
}
