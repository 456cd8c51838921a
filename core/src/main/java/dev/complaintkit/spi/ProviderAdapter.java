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

    /**
     * Why this provider lacks an operation, when there is more to say than "not offered": where the
     * platform offers it instead (Allinpay: "the notification URL is set in Allinpay's merchant portal"),
     * or that no public source documents it. Added to the {@code UnsupportedCapabilityException}'s message.
     *
     * @param capability an operation the adapter does not implement
     * @return the reason, or empty (the default)
     */
    default java.util.Optional<String> whyUnsupported(dev.complaintkit.Capability capability) {
        return java.util.Optional.empty();
    }

    /** Releases what the adapter holds (caches, limiter registrations). Never throws. */
    @Override
    default void close() {}
}
