package dev.complaintkit.spi;

import java.util.Map;
import java.util.Set;

/**
 * The one ServiceLoader interface of complaintkit. A provider module registers its implementation
 * in {@code META-INF/services/dev.complaintkit.spi.ComplaintProvider}; the class needs a public
 * no-argument constructor that does no I/O.
 *
 * <p>Selection is by {@link #id()}: see {@code dev.complaintkit.Complaints}.
 */
public interface ComplaintProvider {

    /** The SPI version this core implements. */
    int SPI_VERSION = 1;

    /** @return the stable, lower-case id, e.g. {@code allinpay}; also the configuration key prefix */
    String id();

    /** @return the operations this provider offers */
    Set<Capability> capabilities();

    /** @return the SPI version the provider was written against */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * Maps {@code <id>.<setting>} properties onto the provider's typed configuration. Keys of other
     * providers are ignored; unknown keys with this provider's prefix are a violation.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
     */
    ProviderConfig configFromProperties(Map<String, String> properties);

    /**
     * Creates a configured instance. Parses keys and checks settings here, once, never per call.
     *
     * @param config this provider's configuration (its typed config, or one from {@link #configFromProperties})
     * @param context the transport, clock and time-out to use
     * @return the adapter
     * @throws dev.complaintkit.error.ConfigurationException when the config is not this provider's or is invalid
     */
    ProviderAdapter create(ProviderConfig config, ProviderContext context);

    /**
     * Creates a configured instance with {@link ProviderContext#defaults()}.
     *
     * @param config this provider's configuration
     * @return the adapter
     */
    default ProviderAdapter create(ProviderConfig config) {
        return create(config, ProviderContext.defaults());
    }
}
