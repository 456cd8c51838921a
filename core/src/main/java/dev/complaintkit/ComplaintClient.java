package dev.complaintkit;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.usecase.ListComplaints;
import dev.complaintkit.usecase.ReplyToComplaint;
import dev.complaintkit.usecase.RetryPolicy;
import dev.complaintkit.usecase.ViewNegotiationHistory;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a merchant's back end holds: one configured provider behind one typed API. Thread-safe;
 * create one per provider account and share it. Obtain it from {@link Complaints}.
 *
 * <p>Every method checks its input first and reports all violations at once in a
 * {@link dev.complaintkit.error.ValidationException}, before anything is sent. An operation the
 * provider lacks is an {@link dev.complaintkit.error.UnsupportedCapabilityException}. Every
 * failure is a {@link dev.complaintkit.error.ComplaintException}.
 */
public final class ComplaintClient implements AutoCloseable {
    private final String providerId;
    private final Set<Capability> capabilities;
    private final ProviderAdapter adapter;
    private final ListComplaints list;
    private final ViewNegotiationHistory history;
    private final ReplyToComplaint reply;

    ComplaintClient(String providerId, Set<Capability> capabilities, ProviderAdapter adapter, RetryPolicy policy) {
        this.providerId = providerId;
        this.capabilities = Set.copyOf(capabilities);
        this.adapter = adapter;
        this.list = new ListComplaints(providerId, capabilities, adapter.queries().orElse(null), policy);
        this.history = new ViewNegotiationHistory(providerId, capabilities, adapter.queries().orElse(null), policy);
        this.reply = new ReplyToComplaint(providerId, capabilities, adapter.replies().orElse(null), policy);
    }

    /** @return the id of the provider behind this client */
    public String providerId() {
        return providerId;
    }

    /** @return what the provider offers */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Lists complaints lazily, fetching the next page only when the stream reaches it.
     *
     * @param filter which complaints
     * @return the complaints, in provider order
     */
    public Stream<Complaint> complaints(ComplaintFilter filter) {
        return list.stream(filter, 0);
    }

    /**
     * @param filter which complaints
     * @param pageSize complaints per fetch
     * @return the complaints, fetched lazily
     */
    public Stream<Complaint> complaints(ComplaintFilter filter, int pageSize) {
        return list.stream(filter, pageSize);
    }

    /**
     * @param filter which complaints
     * @param page which slice
     * @return one page of complaints
     */
    public Page<Complaint> complaintsPage(ComplaintFilter filter, PageRequest page) {
        return list.page(filter, page);
    }

    /**
     * Streams a complaint's negotiation history lazily.
     *
     * @param complaintId the complaint
     * @return its history rows, in provider order
     */
    public Stream<NegotiationEntry> history(ComplaintId complaintId) {
        return history.stream(complaintId, 0);
    }

    /**
     * @param complaintId the complaint
     * @param pageSize rows per fetch
     * @return its history rows, fetched lazily
     */
    public Stream<NegotiationEntry> history(ComplaintId complaintId, int pageSize) {
        return history.stream(complaintId, pageSize);
    }

    /**
     * @param complaintId the complaint
     * @param page which slice
     * @return one page of history
     */
    public Page<NegotiationEntry> historyPage(ComplaintId complaintId, PageRequest page) {
        return history.page(complaintId, page);
    }

    /**
     * Replies to a complaint. Retries reuse one idempotency key (the request's, or one assigned here).
     *
     * @param request the reply
     * @return the provider's receipt
     */
    public ReplyReceipt reply(ReplyRequest request) {
        return reply.reply(request);
    }

    /** Closes the provider adapter. */
    @Override
    public void close() {
        adapter.close();
    }

    @Override
    public String toString() {
        return "ComplaintClient[provider=" + providerId + ", capabilities=" + capabilities + "]";
    }
}
