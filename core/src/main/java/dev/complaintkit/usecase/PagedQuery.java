/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * What listing and history share: validation before any I/O (general rules plus the provider's),
 * retries per page, and the lazy stream.
 *
 * @param <P> the port
 * @param <K> what is queried (a filter, a complaint)
 * @param <T> the item type
 */
final class PagedQuery<P, K, T> {
    /** One page from the port. */
    interface Fetch<P, K, T> {
        Page<T> fetch(P port, K key, PageRequest page);
    }

    /** The provider's own rules, asked only once key and page are present. */
    interface ProviderRules<P, K> {
        List<Violation> check(P port, K key, PageRequest page);
    }

    private final String providerId;
    private final String operation;
    private final Retrier retrier;
    private final Function<K, List<Violation>> keyRules;
    private final ProviderRules<P, K> providerRules;
    private final Fetch<P, K, T> fetch;
    private final ToIntFunction<P> defaultSize;

    PagedQuery(String providerId, String operation, Retrier retrier, Function<K, List<Violation>> keyRules,
            ProviderRules<P, K> providerRules, Fetch<P, K, T> fetch, ToIntFunction<P> defaultSize) {
        this.providerId = providerId;
        this.operation = operation;
        this.retrier = retrier;
        this.keyRules = keyRules;
        this.providerRules = providerRules;
        this.fetch = fetch;
        this.defaultSize = defaultSize;
    }

    Page<T> page(P port, K key, PageRequest page) {
        checked(port, key, page);
        return retrier.call(operation, () -> fetch.fetch(port, key, page));
    }

    Stream<T> stream(P port, K key, int pageSize, Function<Supplier<Page<T>>, Page<T>> around) {
        PageRequest first = PageRequest.first(pageSize == 0 ? defaultSize.applyAsInt(port) : pageSize);
        checked(port, key, first);
        return Pager.stream(providerId, r -> around.apply(() -> retrier.call(operation, () -> fetch.fetch(port, key, r))), first);
    }

    private void checked(P port, K key, PageRequest page) {
        List<Violation> general = keyRules.apply(key);
        // the provider's rules run beside the general ones (all violations at once) whenever they have a key to look at
        boolean noKey = key == null || page == null || (key instanceof dev.complaintkit.model.ComplaintRef r && r.id() == null);
        Lifecycle.validate(general, InputRules.page(page), noKey ? List.of() : providerRules.check(port, key, page));
    }
}
