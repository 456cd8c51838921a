/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.Capability;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.annotation.InternalApi;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.RevealedPhone;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.ComplaintReplyPort.WriteTrace;
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
import dev.complaintkit.spi.ProviderAdapter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The use cases behind {@code ComplaintClient}, one method per operation: capability check, then
 * every violation at once before any I/O, then the call under the retry rules (queries per
 * {@link RetryPolicy}, writes per {@link Writes}). Not API: users hold a {@code ComplaintClient}.
 */
@InternalApi
public final class Lifecycle {
    private final String providerId;
    private final ProviderAdapter adapter;
    private final Set<Capability> capabilities;
    private final Retrier retrier;
    private final Writes writes;
    private final ProcessedNotifications processed;
    private final PagedQuery<ListComplaintsPort, ComplaintFilter, Complaint> list;
    private final PagedQuery<NegotiationHistoryPort, ComplaintRef, NegotiationEntry> history;

    /**
     * @param providerId the provider's id
     * @param adapter the configured provider; its ports are its capabilities
     * @param policy the retry policy
     * @param clock the clock (write reconciliation)
     * @param processed remembers processed notifications
     */
    public Lifecycle(String providerId, ProviderAdapter adapter, RetryPolicy policy, Clock clock, ProcessedNotifications processed) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.capabilities = Capability.implementedBy(adapter.getClass());
        this.retrier = new Retrier(providerId, policy);
        this.writes = new Writes(providerId, policy, clock);
        this.processed = Objects.requireNonNull(processed, "processed");
        this.list = new PagedQuery<>(providerId, Capability.LIST_COMPLAINTS.operation(), retrier, InputRules::filter,
                ListComplaintsPort::validateList, ListComplaintsPort::listComplaints, ListComplaintsPort::defaultListPageSize);
        this.history = new PagedQuery<>(providerId, Capability.NEGOTIATION_HISTORY.operation(), retrier, InputRules::ref,
                NegotiationHistoryPort::validateHistory, NegotiationHistoryPort::history,
                NegotiationHistoryPort::defaultHistoryPageSize);
    }

    /** @return the capabilities: the ports the adapter implements */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private <P> P require(Capability capability, Class<P> port) {
        if (!port.isInstance(adapter)) {
            throw unsupported(capability);
        }
        return port.cast(adapter);
    }

    /**
     * @param capability an operation the provider lacks
     * @return the refusal the client raises for it: the provider, the operation, the provider's reason, what it offers
     */
    public UnsupportedCapabilityException unsupported(Capability capability) {
        String offered = capabilities.isEmpty() ? "nothing"
                : capabilities.stream().sorted().map(Capability::operation).collect(Collectors.joining(", "));
        return new UnsupportedCapabilityException(providerId, capability.operation(), offered,
                adapter.whyUnsupported(capability).orElse(null));
    }

    @SafeVarargs
    static void validate(List<Violation>... groups) {
        List<Violation> all = new ArrayList<>();
        for (List<Violation> g : groups) {
            all.addAll(g);
        }
        InputRules.throwIfAny(all);
    }

    /**
     * @param filter which
     * @param page slice
     * @return one page
     */
    public Page<Complaint> complaintsPage(ComplaintFilter filter, PageRequest page) {
        return list.page(require(Capability.LIST_COMPLAINTS, ListComplaintsPort.class), filter, page);
    }

    /**
     * @param filter which
     * @param pageSize per fetch, 0 = default
     * @return the lazy stream
     */
    public Stream<Complaint> complaints(ComplaintFilter filter, int pageSize) {
        return complaints(filter, pageSize, Supplier::get);
    }

    /**
     * @param filter which
     * @param pageSize per fetch, 0 = default
     * @param around runs each page fetch (retries included), e.g. to observe it
     * @return the lazy stream
     */
    public Stream<Complaint> complaints(ComplaintFilter filter, int pageSize,
            Function<Supplier<Page<Complaint>>, Page<Complaint>> around) {
        return list.stream(require(Capability.LIST_COMPLAINTS, ListComplaintsPort.class), filter, pageSize, around);
    }

    /**
     * @param complaint which
     * @param page slice
     * @return one page
     */
    public Page<NegotiationEntry> historyPage(ComplaintRef complaint, PageRequest page) {
        return history.page(require(Capability.NEGOTIATION_HISTORY, NegotiationHistoryPort.class), complaint, page);
    }

    /**
     * @param complaint which
     * @param pageSize per fetch, 0 = default
     * @return the lazy stream
     */
    public Stream<NegotiationEntry> history(ComplaintRef complaint, int pageSize) {
        return history(complaint, pageSize, Supplier::get);
    }

    /**
     * @param complaint which
     * @param pageSize per fetch, 0 = default
     * @param around runs each page fetch (retries included), e.g. to observe it
     * @return the lazy stream
     */
    public Stream<NegotiationEntry> history(ComplaintRef complaint, int pageSize,
            Function<Supplier<Page<NegotiationEntry>>, Page<NegotiationEntry>> around) {
        return history.stream(require(Capability.NEGOTIATION_HISTORY, NegotiationHistoryPort.class), complaint, pageSize, around);
    }

    /**
     * @param complaint which
     * @return its detail
     */
    public ComplaintDetail detail(ComplaintRef complaint) {
        ComplaintDetailPort p = require(Capability.DETAIL, ComplaintDetailPort.class);
        List<Violation> general = InputRules.ref(complaint);
        validate(general, general.isEmpty() ? p.validateDetail(complaint) : List.of());
        return retrier.call(Capability.DETAIL.operation(), () -> p.detail(complaint));
    }

    /**
     * @param detail a detail whose phone is encrypted
     * @return the number
     */
    public RevealedPhone revealPhone(ComplaintDetail detail) {
        PhoneRevealPort p = require(Capability.REVEAL_PHONE, PhoneRevealPort.class);
        ComplainantPhone phone = detail == null ? ComplainantPhone.absent() : detail.phone();
        Optional<String> ciphertext = phone.ciphertext();
        if (ciphertext.isEmpty()) {
            throw new ValidationException(List.of(new Violation("phone", "encrypted", phone.form() == ComplainantPhone.Form.MASKED
                    ? "is sent masked by the provider: there is nothing to reveal"
                    : "is absent: the complaint carries no phone number")));
        }
        try {
            return p.revealPhone(ciphertext.get());
        } catch (ComplaintException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SignatureException(providerId, "the phone number could not be decrypted ("
                    + e.getClass().getName() + ")");
        }
    }

    /**
     * @param mediaUrl the URL as sent
     * @return the image
     */
    public DownloadedImage downloadImage(String mediaUrl) {
        ImageDownloadPort p = require(Capability.IMAGE_DOWNLOAD, ImageDownloadPort.class);
        List<Violation> general = InputRules.url("mediaUrl", mediaUrl);
        validate(general, general.isEmpty() ? p.validateDownload(mediaUrl) : List.of());
        return retrier.call(Capability.IMAGE_DOWNLOAD.operation(), () -> p.downloadImage(mediaUrl));
    }

    /**
     * Replies. Retries reuse one idempotency key (the request's, or one assigned here); a provider
     * without one is reconciled through {@link ReplyPort#traceOf}. A failure carries the key.
     *
     * @param request the reply
     * @return the receipt
     */
    public ReplyReceipt reply(ReplyRequest request) {
        ReplyPort p = require(Capability.REPLY, ReplyPort.class);
        // the provider's rules run beside the general ones, so every violation is listed at once
        List<Violation> general = InputRules.reply(request, p.maxReplyTextLength());
        if (request != null && request.miniProgramJump().isPresent() && !p.supportsMiniProgramJump()) {
            general.add(new Violation("miniProgramJump", "unsupported", "is not offered by provider '" + providerId
                    + "': send the reply without it"));
        }
        validate(general, request == null || request.complaintId() == null ? List.of() : p.validateReply(request));
        ReplyRequest keyed = request.idempotencyKey().isPresent() ? request : request.withIdempotencyKey(p.newIdempotencyKey());
        String key = keyed.idempotencyKey().orElseThrow();
        return writes.run(Capability.REPLY.operation(), p.replySafety(), Writes.Write.of(() -> p.reply(keyed),
                sentAt -> p.traceOf(keyed, sentAt),
                () -> new ReplyReceipt(keyed.complaintId(), providerId, key, "", "confirmed by reading after the answer was lost", true),
                "Read the complaint's negotiation history for a merchant reply with this text before replying again."),
                failure -> p.replySafety() == dev.complaintkit.port.ComplaintReplyPort.WriteSafety.KEYED
                        ? failure.attachIdempotencyKey(key) : failure);
    }

    /**
     * @param complaint which
     * @return the receipt
     */
    public WriteReceipt complete(ComplaintRef complaint) {
        CompletePort p = require(Capability.COMPLETE, CompletePort.class);
        List<Violation> general = InputRules.ref(complaint);
        validate(general, general.isEmpty() ? p.validateComplete(complaint) : List.of());
        return writes.run(Capability.COMPLETE.operation(), p.completeSafety(), Writes.Write.of(() -> p.complete(complaint),
                sentAt -> p.traceOfComplete(complaint, sentAt),
                () -> new WriteReceipt(complaint.id(), providerId, Capability.COMPLETE.operation(), true, ""),
                "Read the complaint's detail: PROCESSED means it was completed."), Function.identity());
    }

    /**
     * @param decision the decision
     * @return the receipt
     */
    public WriteReceipt decideRefund(RefundDecision decision) {
        RefundDecisionPort p = require(Capability.REFUND_DECISION, RefundDecisionPort.class);
        validate(InputRules.refund(decision), decision == null || decision.complaint() == null || decision.complaint().id() == null
                || decision.action() == null ? List.of() : p.validateRefund(decision));
        return writes.run(Capability.REFUND_DECISION.operation(), p.refundSafety(), Writes.Write.of(() -> p.decideRefund(decision),
                sentAt -> p.traceOfRefund(decision, sentAt),
                () -> new WriteReceipt(decision.complaint().id(), providerId, Capability.REFUND_DECISION.operation(), true, ""),
                "Read the complaint's negotiation history for the merchant's refund approval or refusal."), Function.identity());
    }

    /**
     * @param image the image
     * @return its media id
     */
    public UploadedImage uploadImage(ImageUpload image) {
        ImageUploadPort p = require(Capability.IMAGE_UPLOAD, ImageUploadPort.class);
        validate(InputRules.upload(image), image == null ? List.of() : p.validateUpload(image));
        return writes.run(Capability.IMAGE_UPLOAD.operation(), p.uploadSafety(), Writes.Write.of(() -> p.uploadImage(image),
                sentAt -> WriteTrace.UNKNOWN, () -> {
                    throw new IllegalStateException("an upload has no trace to find");
                }, "Upload the image again: an unused media id does no harm."), Function.identity());
    }

    /**
     * Verifies one delivery and recognises repeats; never throws for a bad delivery.
     *
     * @param delivery the HTTP delivery
     * @return accepted, duplicate or refused, each with the answer to send
     */
    public NotificationResult receive(NotificationDelivery delivery) {
        NotificationPort p = require(Capability.NOTIFICATIONS, NotificationPort.class);
        ComplaintEvent event;
        try {
            event = p.verify(Objects.requireNonNull(delivery, "delivery"));
        } catch (NotificationRefusedException e) {
            return new NotificationResult.Refused(e.reason(), e.getMessage(), p.refuse(e.reason(), e.getMessage()));
        } catch (SignatureException e) {
            return new NotificationResult.Refused(NotificationResult.Reason.SIGNATURE, e.getMessage(),
                    p.refuse(NotificationResult.Reason.SIGNATURE, e.getMessage()));
        } catch (RuntimeException e) {
            String message = "[" + providerId + "] not a notification this provider sends (" + e.getClass().getSimpleName() + ")";
            return new NotificationResult.Refused(NotificationResult.Reason.MALFORMED, message,
                    p.refuse(NotificationResult.Reason.MALFORMED, message));
        }
        boolean fresh = processed.markIfAbsent(providerId + ":" + event.eventId(), ProcessedNotifications.DEFAULT_TTL);
        return fresh ? new NotificationResult.Accepted(event, p.acknowledge(event))
                : new NotificationResult.Duplicate(event, p.acknowledge(event));
    }

    /** @return the URL now set */
    public Optional<String> notificationUrl() {
        NotificationUrlPort p = require(Capability.NOTIFICATION_URL, NotificationUrlPort.class);
        return retrier.call(Capability.NOTIFICATION_URL.operation(), p::notificationUrl);
    }

    /**
     * @param url the URL
     * @return the URL as stored
     */
    public String setNotificationUrl(String url) {
        NotificationUrlPort p = require(Capability.NOTIFICATION_URL, NotificationUrlPort.class);
        validate(InputRules.url("url", url));
        // setting the same URL twice is harmless, so it follows the query retry rules
        return retrier.call(Capability.NOTIFICATION_URL.operation(), () -> p.setNotificationUrl(url));
    }

    /** Deletes the URL. */
    public void deleteNotificationUrl() {
        NotificationUrlPort p = require(Capability.NOTIFICATION_URL, NotificationUrlPort.class);
        retrier.call(Capability.NOTIFICATION_URL.operation(), () -> {
            p.deleteNotificationUrl();
            return null;
        });
    }

    /** Closes the adapter. */
    public void close() {
        adapter.close();
    }
}
