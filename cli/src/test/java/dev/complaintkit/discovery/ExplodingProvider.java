/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.discovery;

import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;

/** A provider whose class fails to initialise; packed into a jar by RealClasspathDiscoveryTest. */
public final class ExplodingProvider implements ComplaintProvider<ProviderConfig> {
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
    public Class<ProviderConfig> configType() {
        return ProviderConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return ExplodingAdapter.class;
    }

    /** An adapter that can only reply (never created). */
    public interface ExplodingAdapter extends ProviderAdapter, dev.complaintkit.port.ReplyPort {}

    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        throw new UnsupportedOperationException();
    }
}
