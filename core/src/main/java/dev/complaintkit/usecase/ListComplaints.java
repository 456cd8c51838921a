package dev.complaintkit.usecase;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.spi.Capability;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Lists complaints, a page at a time or as a lazy stream. Validates before any I/O; retries per policy. */
public final class ListComplaints extends UseCase {
    private final ComplaintQueryPort port;

    /**
     * @param providerId the provider's id
     * @param capabilities what it offers
     * @param port its query port, or {@code null} when it has none
     * @param policy the retry policy
     */
    public ListComplaints(String providerId, Set<Capability> capabilities, ComplaintQueryPort port, RetryPolicy policy) {
        super(providerId, capabilities, policy);
        this.port = port;
    }

    /**
     * @param filter which complaints
     * @param page which slice
     * @return one page
     */
    public Page<Complaint> page(ComplaintFilter filter, PageRequest page) {
        ComplaintQueryPort p = checked(filter, page);
        return retrier.call("list complaints", () -> p.listComplaints(filter, page));
    }

    /**
     * @param filter which complaints
     * @param pageSize items per fetch, or 0 for the provider's default
     * @return a lazy stream; the first page is fetched when the stream is first consumed
     */
    public Stream<Complaint> stream(ComplaintFilter filter, int pageSize) {
        ComplaintQueryPort p = require(Capability.LIST_COMPLAINTS, port);
        PageRequest first = PageRequest.first(pageSize == 0 ? p.defaultPageSize() : pageSize);
        checked(filter, first);
        return Pager.stream(r -> retrier.call("list complaints", () -> p.listComplaints(filter, r)), first);
    }

    private ComplaintQueryPort checked(ComplaintFilter filter, PageRequest page) {
        ComplaintQueryPort p = require(Capability.LIST_COMPLAINTS, port);
        validate(InputRules.filter(filter), InputRules.page(page),
                filter == null || page == null ? List.of() : p.validateList(filter, page));
        return p;
    }
}
