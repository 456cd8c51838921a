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
 * The Allinpay (通联支付 收银宝) provider, id {@value #ID}: the WeChat-complaint lifecycle of
 * {@code riskfeeback/…} — list, detail, negotiation history (协商历史), reply, complete, refund
 * decision, image upload and download, and notifications — RSA, RSA2 or SM2 signed. The
 * notification URL is set in Allinpay's portal, not through an API, so that capability is absent.
 * Registered through ServiceLoader; configure it with {@link AllinpayConfig}.
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
        Signer signer = switch (config.signType()) {
            case RSA -> new RsaSigner(config.privateKey(), config.platformPublicKey());
            case RSA2 -> RsaSigner.rsa2(config.privateKey(), config.platformPublicKey());
            case SM2 -> new Sm2Signer(config.privateKey(), config.appid(), config.platformPublicKey(), Sm2Signer.RESPONSE_USER_ID);
        };
        return new AllinpayAdapter(config, signer, context);
    }

    @Override
    public String toString() {
        return "AllinpayProvider[" + ID + "]";
    }
}
