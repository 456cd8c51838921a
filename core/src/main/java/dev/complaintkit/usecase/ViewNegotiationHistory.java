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
public final class ViewNegotiationHistory extends UseCase {
    private final ComplaintQueryPort port;

    /**
     * @param providerId the provider's id
     * @param capabilities what it offers
     * @param port its query port, or {@code null} when it has none
     * @param policy the retry policy
     */
    public ViewNegotiationHistory(String providerId, Set<Capability> capabilities, ComplaintQueryPort port, RetryPolicy policy) {
        super(providerId, capabilities, policy);
        this.port = port;
    }

    /**
     * @param complaintId the complaint
     * @param page which slice
     * @return one page
     */
    public Page<NegotiationEntry> page(ComplaintId complaintId, PageRequest page) {
        ComplaintQueryPort p = checked(complaintId, page);
        return retrier.call("negotiation history", () -> p.history(complaintId, page));
    }

    /**
     * @param complaintId the complaint
     * @param pageSize entries per fetch, or 0 for the provider's default
     * @return a lazy stream; the total reported by the first page bounds the stream
     */
    public Stream<NegotiationEntry> stream(ComplaintId complaintId, int pageSize) {
        ComplaintQueryPort p = require(Capability.NEGOTIATION_HISTORY, port);
        PageRequest first = PageRequest.first(pageSize == 0 ? p.defaultPageSize() : pageSize);
        checked(complaintId, first);
        return Pager.stream(r -> retrier.call("negotiation history", () -> p.history(complaintId, r)), first);
    }

    private ComplaintQueryPort checked(ComplaintId complaintId, PageRequest page) {
        ComplaintQueryPort p = require(Capability.NEGOTIATION_HISTORY, port);
        List<Violation> id = complaintId == null
                ? List.of(new Violation("complaintId", "required", "is required")) : List.of();
        validate(id, InputRules.page(page),
                complaintId == null || page == null ? List.of() : p.validateHistory(complaintId, page));
        return p;
    }
}
