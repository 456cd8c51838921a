/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.Complaints;

/**
 * Changes how a configured client is built (time-out, retry policy, shared state…); every bean of
 * this type is applied, in order, after the auto-configuration's own settings.
 */
@FunctionalInterface
public interface ComplaintClientCustomizer {
    /**
     * @param name the client's name ({@code complaintkit.clients.<name>})
     * @param providerId its provider's id
     * @param builder the builder, already given the provider, settings, transport and observers
     */
    void customize(String name, String providerId, Complaints.Builder builder);
}
