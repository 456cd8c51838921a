package dev.complaintkit.discovery;

import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;
import java.util.Set;

/** A provider whose class fails to initialise; packed into a jar by RealClasspathDiscoveryTest. */
public final class ExplodingProvider implements ComplaintProvider {
    static {
        if (Boolean.parseBoolean("true")) {
            throw new IllegalStateException("static initialisation failed on purpose");
        }
    }

    @Override
    public String id() {
        return "exploding";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        throw new UnsupportedOperationException();
    }
}
