/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * A complaint's id as the provider (and WeChat Pay) know it. Always a string, even where a
 * provider sends a number.
 *
 * @param value the id, never blank
 */
public record ComplaintId(String value) {
    public ComplaintId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a complaint id must not be blank");
        }
    }

    /**
     * @param value the id
     * @return the id
     */
    public static ComplaintId of(String value) {
        return new ComplaintId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
