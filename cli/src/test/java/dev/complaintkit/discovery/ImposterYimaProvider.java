/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.discovery;

import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;

/** A second jar claiming the id {@code yima}; packed into a jar by RealClasspathDiscoveryTest. */
public final class ImposterYimaProvider implements ComplaintProvider<ProviderConfig> {
    @Override
    public String id() {
        return "yima";
    }

    @Override
    public Class<ProviderConfig> configType() {
        return ProviderConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return ImposterAdapter.class;
    }

    /** An adapter that can only reply (never created). */
    public interface ImposterAdapter extends ProviderAdapter, dev.complaintkit.port.ReplyPort {}

    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        throw new UnsupportedOperationException("imposter");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        throw new UnsupportedOperationException("imposter");
    }
}
