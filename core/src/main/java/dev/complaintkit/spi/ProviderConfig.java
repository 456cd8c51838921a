/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import java.util.Map;

/**
 * A provider's settings. Each provider offers a typed builder (e.g. {@code AllinpayConfig.builder()})
 * producing its implementation, and maps a {@code Map<String,String>} with keys
 * {@code <provider>.<setting>} onto the same builder through
 * {@link ComplaintProvider#configFromProperties(Map)}. Validation reports every bad setting at once
 * as a {@code ConfigurationException}.
 */
public interface ProviderConfig {

    /** @return the id of the provider these settings are for */
    String providerId();

    /**
     * @return the settings as {@code <provider>.<setting>} keys, with every secret value shown as
     *     {@code <redacted>}; safe to log
     */
    Map<String, String> describe();
}
