/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import dev.complaintkit.Capability;
import java.util.Map;
import java.util.Set;

/**
 * The one ServiceLoader interface of complaintkit. A provider module registers its implementation
 * in {@code META-INF/services/dev.complaintkit.spi.ComplaintProvider}; the class needs a public
 * no-argument constructor that does no I/O.
 *
 * <p>A provider is typed by its configuration: the core checks once that a configuration is of
 * {@link #configType()} before calling {@link #create}, so a provider never guards against a
 * foreign config. Its capabilities are the ports its {@link #adapterType()} implements.
 *
 * <p>Selection is by {@link #id()}: see {@code dev.complaintkit.Complaints}.
 *
 * @param <C> the provider's configuration type
 */
public interface ComplaintProvider<C extends ProviderConfig> {

    /** The SPI version this core implements. */
    int SPI_VERSION = 2;

    /** @return the stable, lower-case id, e.g. {@code allinpay}; also the configuration key prefix */
    String id();

    /** @return the configuration type {@link #create} takes */
    Class<C> configType();

    /** @return the class of the adapters {@link #create} returns: its port interfaces are the capabilities */
    Class<? extends ProviderAdapter> adapterType();

    /**
     * @return the operations this provider offers: exactly the capability ports its adapter class
     *     implements (derived, never declared; do not override)
     */
    default Set<Capability> capabilities() {
        return Capability.implementedBy(adapterType());
    }

    /** @return the SPI version the provider was written against */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * Maps {@code <id>.<setting>} properties onto the provider's typed configuration, usually through
     * {@link Settings}. Keys of other providers are ignored; unknown keys with this provider's prefix
     * are a violation.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
     */
    C configFromProperties(Map<String, String> properties);

    /**
     * Creates a configured instance. Parses keys and checks settings here, once, never per call.
     *
     * @param config this provider's configuration
     * @param context the transport, clock and time-out to use
     * @return the adapter, an instance of {@link #adapterType()}
     * @throws dev.complaintkit.error.ConfigurationException when the config is invalid
     */
    ProviderAdapter create(C config, ProviderContext context);

    /**
     * Creates a configured instance with {@link ProviderContext#defaults()}.
     *
     * @param config this provider's configuration
     * @return the adapter
     */
    default ProviderAdapter create(C config) {
        return create(config, ProviderContext.defaults());
    }
}
