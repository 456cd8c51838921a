package dev.complaintkit.usecase;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.spi.Capability;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What listing and history share: capability check, validation before any I/O (general rules plus
 * the provider's), retries per page, and the lazy stream.
 *
 * @param <K> what is queried (a filter, a complaint id)
 * @param <T> the item type
 */
final class PagedQuery<K, T> extends UseCase {
    /** One page from the port. */
    interface Fetch<K, T> {
        Page<T> fetch(ComplaintQueryPort port, K key, PageRequest page);
    }

    /** The provider's own rules, asked only once key and page are present. */
    interface ProviderRules<K> {
        List<Violation> check(ComplaintQueryPort port, K key, PageRequest page);
    }

    private final ComplaintQueryPort port;
    private final Capability capability;
    private final Function<K, List<Violation>> keyRules;
    private final ProviderRules<K> providerRules;
    private final Fetch<K, T> fetch;

    PagedQuery(String providerId, Set<Capability> capabilities, ComplaintQueryPort port, RetryPolicy policy,
            Capability capability, Function<K, List<Violation>> keyRules,
            ProviderRules<K> providerRules, Fetch<K, T> fetch) {
        super(providerId, capabilities, policy);
        this.port = port;
        this.capability = capability;
        this.keyRules = keyRules;
        this.providerRules = providerRules;
        this.fetch = fetch;
    }

    Page<T> page(K key, PageRequest page) {
        ComplaintQueryPort p = checked(key, page);
        return retrier.call(capability.operation(), () -> fetch.fetch(p, key, page));
    }

    Stream<T> stream(K key, int pageSize) {
        ComplaintQueryPort p = require(capability, port);
        PageRequest first = PageRequest.first(pageSize == 0 ? p.defaultPageSize() : pageSize);
        checked(key, first);
        return Pager.stream(providerId, r -> retrier.call(capability.operation(), () -> fetch.fetch(p, key, r)), first);
    }

    private ComplaintQueryPort checked(K key, PageRequest page) {
        ComplaintQueryPort p = require(capability, port);
        List<Violation> general = keyRules.apply(key);
        validate(general, InputRules.page(page),
                key == null || page == null ? List.of() : providerRules.check(p, key, page));
        return p;
    }
}
