package dev.complaintkit.usecase;

import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.Iterator;
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
 */
final class Pager<T> implements Iterator<T> {
    private final Function<PageRequest, Page<T>> fetch;
    private PageRequest nextRequest;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private OptionalLong knownTotal = OptionalLong.empty();

    private Pager(Function<PageRequest, Page<T>> fetch, PageRequest first) {
        this.fetch = fetch;
        this.nextRequest = first;
    }

    static <T> Stream<T> stream(Function<PageRequest, Page<T>> fetch, PageRequest first) {
        Pager<T> pager = new Pager<>(fetch, first);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pager, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (nextRequest == null) {
                return false;
            }
            Page<T> page = fetch.apply(nextRequest);
            if (page.totalCount().isPresent()) {
                knownTotal = page.totalCount();
            } else if (knownTotal.isPresent()) {
                page = new Page<>(page.items(), page.request(), knownTotal);
            }
            nextRequest = page.nextRequest().orElse(null);
            current = page.items().iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
