/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * Objects shared by every client of one Xiaoe app that use one {@link SharedState} (the rate
 * limiter, the token cache), counted by lease. When the last lease is returned the entry is dropped as soon as it may be (a
 * limiter only once its window has emptied, so that a client created right after another closed
 * still sees the calls the first one made).
 *
 * @param <K> the key
 * @param <V> the shared object
 */
final class SharedRegistry<K, V> {
    private static final class Entry<V> {
        final V value;
        int leases;

        Entry(V value) {
            this.value = value;
        }
    }

    private final Map<K, Entry<V>> entries = new HashMap<>();
    private final Predicate<V> removable;

    /** @param removable whether an unleased value may be dropped now */
    SharedRegistry(Predicate<V> removable) {
        this.removable = removable;
    }

    /**
     * @param key the app's key
     * @param create makes the value when none is held
     * @param reuse called, under this registry's lock, with a value already held and its number of
     *     leases before it is leased once more; it may adjust the value or throw to refuse the lease
     * @return the shared value, leased once more
     */
    synchronized V lease(K key, Function<K, V> create, ObjIntConsumer<V> reuse) {
        sweep();
        Entry<V> e = entries.get(key);
        if (e == null) {
            e = new Entry<>(create.apply(key));
            entries.put(key, e);
        } else {
            reuse.accept(e.value, e.leases);
        }
        e.leases++;
        return e.value;
    }

    /**
     * @param key the key a value was leased under
     * @param value that value
     */
    synchronized void release(K key, V value) {
        Entry<V> e = entries.get(key);
        if (e == null || e.value != value) {
            return;
        }
        e.leases--;
        if (e.leases <= 0 && removable.test(e.value)) {
            entries.remove(key);
        }
    }

    private void sweep() {
        for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<V> e = it.next();
            if (e.leases <= 0 && removable.test(e.value)) {
                it.remove();
            }
        }
    }

    /** @return how many entries are held (leased or waiting to be dropped) */
    synchronized int size() {
        return entries.size();
    }
}
