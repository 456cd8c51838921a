/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over pages: the next page is fetched only when the consumer reaches the end of the
 * current one. A total reported by the first page only (Allinpay reports {@code total_count} at
 * offset 0) is carried to the later pages.
 *
 * <p>A server that ignores the paging cannot make the stream endless or wrong: a page with more
 * items than asked for, a page that goes past the reported total, and a page that repeats the
 * previous one are each a non-retryable {@link ProviderException} with code
 * {@link ProviderException#INVALID_RESPONSE}.
 */
final class Pager<T> implements Iterator<T> {
    private final String providerId;
    private final Function<PageRequest, Page<T>> fetch;
    private PageRequest nextRequest;
    private List<T> previous = List.of();
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private OptionalLong knownTotal = OptionalLong.empty();

    private Pager(String providerId, Function<PageRequest, Page<T>> fetch, PageRequest first) {
        this.providerId = providerId;
        this.fetch = fetch;
        this.nextRequest = first;
    }

    static <T> Stream<T> stream(String providerId, Function<PageRequest, Page<T>> fetch, PageRequest first) {
        Pager<T> pager = new Pager<>(providerId, fetch, first);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pager, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (nextRequest == null) {
                return false;
            }
            PageRequest asked = nextRequest;
            Page<T> page = fetch.apply(asked);
            if (page.totalCount().isPresent()) {
                knownTotal = page.totalCount();
            } else if (knownTotal.isPresent()) {
                page = new Page<>(page.items(), page.request(), knownTotal);
            }
            check(asked, page);
            previous = page.items();
            nextRequest = page.nextRequest().orElse(null);
            current = page.items().iterator();
        }
        return true;
    }

    private void check(PageRequest asked, Page<T> page) {
        int n = page.items().size();
        if (n > asked.size()) {
            throw invalid("returned " + n + " items for a page of at most " + asked.size() + " (offset " + asked.offset() + ")");
        }
        if (knownTotal.isPresent() && asked.offset() + n > knownTotal.getAsLong()) {
            throw invalid("returned items " + asked.offset() + ".." + (asked.offset() + n - 1) + " of a reported total of "
                    + knownTotal.getAsLong());
        }
        if (n > 0 && asked.offset() > 0 && page.items().equals(previous)) {
            throw invalid("returned the same " + n + " items for offset " + asked.offset() + " as for the page before"
                    + " (it ignores the paging); stopped");
        }
    }

    private ProviderException invalid(String what) {
        return new ProviderException(providerId, ProviderException.INVALID_RESPONSE, "the provider " + what, false);
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
