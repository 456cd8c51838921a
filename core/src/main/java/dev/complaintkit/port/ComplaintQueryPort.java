package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.List;

/**
 * Outbound port for reading complaints. A provider implements the operations its capabilities
 * declare; the client never calls the others. Each call is one page: the client does the paging.
 */
public interface ComplaintQueryPort {

    /**
     * Lists one page of complaints.
     *
     * @param filter which complaints
     * @param page which slice
     * @return the page; its {@code totalCount} when the provider reports one
     */
    default Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
        throw new UnsupportedOperationException("listComplaints");
    }

    /**
     * Fetches one page of a complaint's negotiation history.
     *
     * @param complaintId the complaint
     * @param page which slice
     * @return the page
     */
    default Page<NegotiationEntry> history(ComplaintId complaintId, PageRequest page) {
        throw new UnsupportedOperationException("history");
    }

    /**
     * Provider-specific rules for a list call (e.g. the largest page size), checked before any I/O
     * together with the client's general rules.
     *
     * @param filter the filter
     * @param page the page request
     * @return every broken rule, empty when fine
     */
    default List<Violation> validateList(ComplaintFilter filter, PageRequest page) {
        return List.of();
    }

    /**
     * Provider-specific rules for a history call.
     *
     * @param complaintId the complaint
     * @param page the page request
     * @return every broken rule, empty when fine
     */
    default List<Violation> validateHistory(ComplaintId complaintId, PageRequest page) {
        return List.of();
    }

    /** @return the page size the client uses for streams when the caller does not choose one */
    default int defaultPageSize() {
        return 100;
    }
}
