package dev.complaintkit.discovery;

import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;
import java.util.Set;

/** A second jar claiming the id {@code yima}; packed into a jar by RealClasspathDiscoveryTest. */
public final class ImposterYimaProvider implements ComplaintProvider {
    @Override
    public String id() {
        return "yima";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.REPLY);
    }

    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        throw new UnsupportedOperationException("imposter");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        throw new UnsupportedOperationException("imposter");
    }
}
