/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

/**
 * A configured provider. Its class implements the capability ports it offers (see
 * {@code dev.complaintkit.port}); the client derives the provider's capabilities from them.
 * Created by {@link ComplaintProvider#create(ProviderConfig, ProviderContext)}; the client owns it
 * and closes it.
 */
public interface ProviderAdapter extends AutoCloseable {

    /** Releases what the adapter holds (caches, limiter registrations). Never throws. */
    @Override
    default void close() {}
}
