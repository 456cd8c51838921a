/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
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
import dev.complaintkit.usecase.Lifecycle;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a merchant's back end holds: one configured provider behind one typed API, for a complaint's
 * whole lifecycle — list, detail, history, reply, complete, refund decision, images, notifications.
 * Thread-safe; create one per provider account and share it. Obtain it from {@link Complaints}.
 *
 * <p>Every method checks its input first and reports all violations at once in a
 * {@link dev.complaintkit.error.ValidationException}, before anything is sent. An operation the
 * provider lacks ({@link #capabilities()}) is an
 * {@link dev.complaintkit.error.UnsupportedCapabilityException}. Every failure is a
 * {@link dev.complaintkit.error.ComplaintException}.
 *
 * <p>Queries are retried per the client's {@link RetryPolicy}. A write is never made twice by a
 * retry: where the provider has an idempotency key every retry reuses it; where it has none, a
 * write whose answer was lost is confirmed by reading (history, detail) and re-sent only when it
 * left no trace — otherwise it fails with an {@link dev.complaintkit.error.OutcomeUnknownException}.
 *
 * <p>Every operation is reported to the client's {@link ClientObserver}s (metrics, tracing, health):
 * provider id, client {@link #name()}, operation, outcome and error type.
 */
public final class ComplaintClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.observer");

    private final String providerId;
    private final String name;
    private final Lifecycle lifecycle;
    private final ClientObserver observer;

    ComplaintClient(String providerId, String name, Lifecycle lifecycle, ClientObserver observer) {
        this.providerId = providerId;
        this.name = name;
        this.lifecycle = lifecycle;
        this.observer = observer;
    }

    /** @return the id of the provider behind this client */
    public String providerId() {
        return providerId;
    }

    /** @return the client's name ({@link Complaints.Builder#name}), the provider id unless named */
    public String name() {
        return name;
    }

    /** @return what the provider offers: the ports its adapter implements */
    public Set<Capability> capabilities() {
        return lifecycle.capabilities();
    }

    /**
     * Fails, before anything is sent, exactly as an operation the provider lacks would: for callers
     * (a command line, a scheduler) that check up front.
     *
     * @param capability what the caller needs
     * @throws dev.complaintkit.error.UnsupportedCapabilityException naming the provider, the operation and,
     *     where the provider gives one, why it lacks it
     */
    public void requireCapability(Capability capability) {
        if (!lifecycle.capabilities().contains(capability)) {
            throw lifecycle.unsupported(capability);
        }
    }

    /**
     * Lists complaints lazily, fetching the next page only when the stream reaches it.
     *
     * @param filter which complaints
     * @return the complaints, in provider order
     */
    public Stream<Complaint> complaints(ComplaintFilter filter) {
        return complaints(filter, 0);
    }

    /**
     * @param filter which complaints
     * @param pageSize complaints per fetch
     * @return the complaints, fetched lazily
     */
    public Stream<Complaint> complaints(ComplaintFilter filter, int pageSize) {
        return observed(Capability.LIST_COMPLAINTS, () -> lifecycle.complaints(filter, pageSize,
                fetch -> observed(Capability.LIST_COMPLAINTS, fetch)), false);
    }

    /**
     * @param filter which complaints
     * @param page which slice
     * @return one page of complaints
     */
    public Page<Complaint> complaintsPage(ComplaintFilter filter, PageRequest page) {
        return observed(Capability.LIST_COMPLAINTS, () -> lifecycle.complaintsPage(filter, page));
    }

    /**
     * Reads one complaint's detail: orders, problem type, requested refund, tags, media, and the
     * complainant's phone as the provider sends it (masked or encrypted: see {@link #revealPhone}).
     *
     * @param complaint the complaint (and, for agents, its sub-merchant)
     * @return the detail
     */
    public ComplaintDetail detail(ComplaintRef complaint) {
        return observed(Capability.DETAIL, () -> lifecycle.detail(complaint));
    }

    /**
     * @param complaintId the complaint
     * @return its detail
     */
    public ComplaintDetail detail(ComplaintId complaintId) {
        return detail(ComplaintRef.of(complaintId));
    }

    /**
     * Decrypts the complainant's phone number of a detail, only when asked. The result's
     * {@code toString()} is redacted; the number is personal data.
     *
     * @param detail a detail whose phone is encrypted
     * @return the number
     */
    public RevealedPhone revealPhone(ComplaintDetail detail) {
        return observed(Capability.REVEAL_PHONE, () -> lifecycle.revealPhone(detail));
    }

    /**
     * Streams a complaint's negotiation history lazily.
     *
     * @param complaintId the complaint
     * @return its history rows, in provider order
     */
    public Stream<NegotiationEntry> history(ComplaintId complaintId) {
        return history(ComplaintRef.of(complaintId), 0);
    }

    /**
     * @param complaintId the complaint
     * @param pageSize rows per fetch
     * @return its history rows, fetched lazily
     */
    public Stream<NegotiationEntry> history(ComplaintId complaintId, int pageSize) {
        return history(ComplaintRef.of(complaintId), pageSize);
    }

    /**
     * @param complaint the complaint (and, for agents, its sub-merchant)
     * @param pageSize rows per fetch, 0 for the provider's default
     * @return its history rows, fetched lazily
     */
    public Stream<NegotiationEntry> history(ComplaintRef complaint, int pageSize) {
        return observed(Capability.NEGOTIATION_HISTORY, () -> lifecycle.history(complaint, pageSize,
                fetch -> observed(Capability.NEGOTIATION_HISTORY, fetch)), false);
    }

    /**
     * @param complaintId the complaint
     * @param page which slice
     * @return one page of history
     */
    public Page<NegotiationEntry> historyPage(ComplaintId complaintId, PageRequest page) {
        return historyPage(ComplaintRef.of(complaintId), page);
    }

    /**
     * @param complaint the complaint
     * @param page which slice
     * @return one page of history
     */
    public Page<NegotiationEntry> historyPage(ComplaintRef complaint, PageRequest page) {
        return observed(Capability.NEGOTIATION_HISTORY, () -> lifecycle.historyPage(complaint, page));
    }

    /**
     * Replies to a complaint. Retries reuse one idempotency key (the request's, or one assigned
     * here); a failure carries the key ({@link dev.complaintkit.error.ComplaintException#idempotencyKey()})
     * so a later resend can reuse it.
     *
     * @param request the reply
     * @return the provider's receipt
     */
    public ReplyReceipt reply(ReplyRequest request) {
        return observed(Capability.REPLY, () -> lifecycle.reply(request));
    }

    /**
     * Marks a complaint handled (the complainant is then asked how satisfied they are).
     *
     * @param complaint the complaint
     * @return the provider's acceptance
     */
    public WriteReceipt complete(ComplaintRef complaint) {
        return observed(Capability.COMPLETE, () -> lifecycle.complete(complaint));
    }

    /**
     * Approves or rejects a refund request. Approving does not move money: refund through the
     * payment API.
     *
     * @param decision the decision
     * @return the provider's acceptance
     */
    public WriteReceipt decideRefund(RefundDecision decision) {
        return observed(Capability.REFUND_DECISION, () -> lifecycle.decideRefund(decision));
    }

    /**
     * Uploads an image for a reply or a refund rejection.
     *
     * @param image file name and bytes (type and size are checked against the provider's rules first)
     * @return its media id
     */
    public UploadedImage uploadImage(ImageUpload image) {
        return observed(Capability.IMAGE_UPLOAD, () -> lifecycle.uploadImage(image));
    }

    /**
     * Downloads an image from a media URL that the provider returned (in a detail or a history row).
     *
     * @param mediaUrl the URL exactly as returned
     * @return the image, within the transport's size cap
     */
    public DownloadedImage downloadImage(String mediaUrl) {
        return observed(Capability.IMAGE_DOWNLOAD, () -> lifecycle.downloadImage(mediaUrl));
    }

    /**
     * Turns one HTTP notification delivery into a verified event, a duplicate of one already
     * accepted, or a refusal — each with the answer the provider expects. Never throws for a bad
     * delivery. An event is marked processed when it is first accepted (at-most-once), in the
     * client's {@link ProcessedNotifications}.
     *
     * @param delivery method, headers and raw body as received
     * @return what became of it
     */
    public NotificationResult receive(NotificationDelivery delivery) {
        ClientObserver.Scope scope = safeStart(observer, call(Capability.NOTIFICATIONS));
        NotificationResult result;
        try {
            result = lifecycle.receive(delivery);
        } catch (RuntimeException | Error e) {
            safeEnd(scope, ClientObserver.Result.failure(e));
            throw e;
        }
        safeEnd(scope, result instanceof NotificationResult.Refused r
                ? new ClientObserver.Result(ClientObserver.Outcome.REFUSED, r.reason().name().toLowerCase(java.util.Locale.ROOT),
                        Optional.empty())
                : result instanceof NotificationResult.Duplicate
                ? new ClientObserver.Result(ClientObserver.Outcome.DUPLICATE, ClientObserver.Result.NO_ERROR, Optional.empty())
                : ClientObserver.Result.success());
        return result;
    }

    /** @return the notification URL set at the provider, empty when none is */
    public Optional<String> notificationUrl() {
        return observed(Capability.NOTIFICATION_URL, lifecycle::notificationUrl);
    }

    /**
     * @param url the HTTPS URL the provider should send notifications to
     * @return the URL as the provider stored it
     */
    public String setNotificationUrl(String url) {
        return observed(Capability.NOTIFICATION_URL, () -> lifecycle.setNotificationUrl(url));
    }

    /** Removes the notification URL at the provider. */
    public void deleteNotificationUrl() {
        observed(Capability.NOTIFICATION_URL, () -> {
            lifecycle.deleteNotificationUrl();
            return null;
        });
    }

    /** Closes the provider adapter. */
    @Override
    public void close() {
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "ComplaintClient[name=" + name + ", provider=" + providerId + ", capabilities=" + capabilities() + "]";
    }

    private ClientObserver.Call call(Capability operation) {
        return new ClientObserver.Call(providerId, name, operation);
    }

    private <T> T observed(Capability operation, Supplier<T> body) {
        return observed(operation, body, true);
    }

    /** Runs one operation inside an observer scope; {@code endOnSuccess=false} ends it only on failure (a stream's page fetches are the calls). */
    private <T> T observed(Capability operation, Supplier<T> body, boolean endOnSuccess) {
        ClientObserver.Scope scope = endOnSuccess ? safeStart(observer, call(operation)) : null;
        T result;
        try {
            result = body.get();
        } catch (RuntimeException | Error e) {
            if (scope == null) {
                scope = safeStart(observer, call(operation));
            }
            safeEnd(scope, ClientObserver.Result.failure(e));
            throw e;
        }
        if (scope != null) {
            safeEnd(scope, ClientObserver.Result.success());
        }
        return result;
    }

    static ClientObserver.Scope safeStart(ClientObserver observer, ClientObserver.Call call) {
        try {
            ClientObserver.Scope scope = observer.start(call);
            return scope == null ? ClientObserver.Scope.NONE : scope;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Client observer " + observer.getClass().getName() + " failed to start "
                    + call.operationName() + " (ignored): " + e.getClass().getName());
            return ClientObserver.Scope.NONE;
        }
    }

    static void safeEnd(ClientObserver.Scope scope, ClientObserver.Result result) {
        try {
            scope.end(result);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Client observer scope " + scope.getClass().getName()
                    + " failed to end (ignored): " + e.getClass().getName());
        }
    }
}
