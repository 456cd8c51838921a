/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/**
 * Which slice of a result to fetch: {@code size} items starting at item {@code offset} (0-based).
 * Providers that page by number receive offsets that are multiples of the size.
 *
 * @param offset the index of the first item, at least 0
 * @param size how many items, at least 1 (each provider has its own maximum)
 */
public record PageRequest(long offset, int size) {

    /**
     * @param size items per page
     * @return the first page
     */
    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** @return the page after this one, same size */
    public PageRequest next() {
        return new PageRequest(offset + size, size);
    }

    /** @return the 1-based page number, for providers that page by number */
    public long pageNumber() {
        return offset / size + 1;
    }
}
