/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import dev.complaintkit.provider.wechatpay.internal.WechatPayAdapter;
import dev.complaintkit.provider.wechatpay.internal.WechatPayWire;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;
import java.util.Objects;

/**
 * The WeChat Pay APIv3 provider (direct merchants and service providers), id {@value #ID}: the
 * whole consumer-complaint API (消费者投诉2.0) with request signatures, verified answers and
 * notifications. Registered through ServiceLoader; configure it with {@link WechatPayConfig}.
 */
public final class WechatPayProvider implements ComplaintProvider<WechatPayConfig> {
    /** The provider id, also the configuration key prefix. */
    public static final String ID = WechatPayWire.PROVIDER;

    /** For ServiceLoader; does no I/O. */
    public WechatPayProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<WechatPayConfig> configType() {
        return WechatPayConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return WechatPayAdapter.class;
    }

    /** @see WechatPayConfig#fromProperties(Map) */
    @Override
    public WechatPayConfig configFromProperties(Map<String, String> properties) {
        return WechatPayConfig.fromProperties(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public ProviderAdapter create(WechatPayConfig config, ProviderContext context) {
        return new WechatPayAdapter(Objects.requireNonNull(config, "config"), Objects.requireNonNull(context, "context"));
    }

    @Override
    public String toString() {
        return "WechatPayProvider[" + ID + "]";
    }
}
