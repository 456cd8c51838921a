/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of results.
 *
 * @param <T> the item type
 * @param items the items of this page, in provider order
 * @param request the request that produced it
 * @param totalCount the total number of items across all pages, when the provider said
 */
public record Page<T>(List<T> items, PageRequest request, OptionalLong totalCount) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
        totalCount = totalCount == null ? OptionalLong.empty() : totalCount;
    }

    /**
     * The request for the following page, if there may be one: none after an empty page, none
     * once the known total is reached, none after a short page when the total is unknown.
     *
     * @return the next request, or empty when this is the last page
     */
    public Optional<PageRequest> nextRequest() {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        long reached = request.offset() + items.size();
        if (totalCount.isPresent()) {
            return reached < totalCount.getAsLong() ? Optional.of(request.next()) : Optional.empty();
        }
        return items.size() >= request.size() ? Optional.of(request.next()) : Optional.empty();
    }
}
