package dev.complaintkit.usecase;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.spi.Capability;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a complaint's negotiation history, a page at a time or as a lazy stream. */
public final class ViewNegotiationHistory {
    private final PagedQuery<ComplaintId, NegotiationEntry> query;

    /**
     * @param providerId the provider's id
     * @param capabilities what it offers
     * @param port its query port, or {@code null} when it has none
     * @param policy the retry policy
     */
    public ViewNegotiationHistory(String providerId, Set<Capability> capabilities, ComplaintQueryPort port, RetryPolicy policy) {
        this.query = new PagedQuery<>(providerId, capabilities, port, policy, Capability.NEGOTIATION_HISTORY,
                id -> id == null ? List.of(new Violation("complaintId", "required", "is required")) : List.of(),
                ComplaintQueryPort::validateHistory, ComplaintQueryPort::history);
    }

    /**
     * @param complaintId the complaint
     * @param page which slice
     * @return one page
     */
    public Page<NegotiationEntry> page(ComplaintId complaintId, PageRequest page) {
        return query.page(complaintId, page);
    }

    /**
     * @param complaintId the complaint
     * @param pageSize entries per fetch, or 0 for the provider's default
     * @return a lazy stream; the total reported by the first page bounds the stream
     */
    public Stream<NegotiationEntry> stream(ComplaintId complaintId, int pageSize) {
        return query.stream(complaintId, pageSize);
    }
}
