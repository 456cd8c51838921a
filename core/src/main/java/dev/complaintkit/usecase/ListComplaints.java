package dev.complaintkit.usecase;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.spi.Capability;
import java.util.Set;
import java.util.stream.Stream;

/** Lists complaints, a page at a time or as a lazy stream. Validates before any I/O; retries per policy. */
public final class ListComplaints {
    private final PagedQuery<ComplaintFilter, Complaint> query;

    /**
     * @param providerId the provider's id
     * @param capabilities what it offers
     * @param port its query port, or {@code null} when it has none
     * @param policy the retry policy
     */
    public ListComplaints(String providerId, Set<Capability> capabilities, ComplaintQueryPort port, RetryPolicy policy) {
        this.query = new PagedQuery<>(providerId, capabilities, port, policy, Capability.LIST_COMPLAINTS,
                InputRules::filter, ComplaintQueryPort::validateList, ComplaintQueryPort::listComplaints);
    }

    /**
     * @param filter which complaints
     * @param page which slice
     * @return one page
     */
    public Page<Complaint> page(ComplaintFilter filter, PageRequest page) {
        return query.page(filter, page);
    }

    /**
     * @param filter which complaints
     * @param pageSize items per fetch, or 0 for the provider's default
     * @return a lazy stream; the first page is fetched when the stream is first consumed
     */
    public Stream<Complaint> stream(ComplaintFilter filter, int pageSize) {
        return query.stream(filter, pageSize);
    }
}
