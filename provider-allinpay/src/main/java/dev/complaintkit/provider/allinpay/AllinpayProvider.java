/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.allinpay.internal.AllinpayAdapter;
import dev.complaintkit.provider.allinpay.internal.AllinpayWire;
import dev.complaintkit.provider.allinpay.internal.RsaSigner;
import dev.complaintkit.provider.allinpay.internal.Sm2Signer;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.util.Map;
import java.util.Objects;

/**
 * The Allinpay (通联支付 收银宝) provider, id {@value #ID}: a complaint's negotiation history
 * (协商历史, {@code riskfeeback/wxcomplainthistory}), RSA or SM2 signed. Registered through
 * ServiceLoader; configure it with {@link AllinpayConfig}.
 */
public final class AllinpayProvider implements ComplaintProvider<AllinpayConfig> {
    /** The provider id, also the configuration key prefix. */
    public static final String ID = AllinpayWire.PROVIDER;

    /** For ServiceLoader; does no I/O. */
    public AllinpayProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<AllinpayConfig> configType() {
        return AllinpayConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return AllinpayAdapter.class;
    }

    /** @see AllinpayConfig#fromProperties(Map) */
    @Override
    public AllinpayConfig configFromProperties(Map<String, String> properties) {
        return AllinpayConfig.fromProperties(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public ProviderAdapter create(AllinpayConfig config, ProviderContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
        Signer signer = config.signType() == AllinpayConfig.SignType.RSA
                ? new RsaSigner(config.privateKey(), config.platformPublicKey())
                : new Sm2Signer(config.privateKey(), config.appid(), config.platformPublicKey(), Sm2Signer.RESPONSE_USER_ID);
        return new AllinpayAdapter(config.endpoint(), new AllinpayAdapter.Merchant(config.appid(), config.cusid(),
                config.orgid().orElse(null), config.version()), signer, context);
    }

    @Override
    public String toString() {
        return "AllinpayProvider[" + ID + "]";
    }
}
