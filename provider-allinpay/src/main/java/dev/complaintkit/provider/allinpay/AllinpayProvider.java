package dev.complaintkit.provider.allinpay;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.allinpay.internal.AllinpayAdapter;
import dev.complaintkit.provider.allinpay.internal.AllinpayWire;
import dev.complaintkit.provider.allinpay.internal.RsaSigner;
import dev.complaintkit.provider.allinpay.internal.Sm2Signer;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Allinpay (通联支付 收银宝) provider, id {@value #ID}: a complaint's negotiation history
 * (协商历史, {@code riskfeeback/wxcomplainthistory}), RSA or SM2 signed. Registered through
 * ServiceLoader; configure it with {@link AllinpayConfig}.
 */
public final class AllinpayProvider implements ComplaintProvider {
    /** The provider id, also the configuration key prefix. */
    public static final String ID = AllinpayWire.PROVIDER;

    /** For ServiceLoader; does no I/O. */
    public AllinpayProvider() {}

    @Override
    public String id() {
        return ID;
    }

    /** @return {@link Capability#NEGOTIATION_HISTORY} */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.NEGOTIATION_HISTORY);
    }

    /** @see AllinpayConfig#fromProperties(Map) */
    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        return AllinpayConfig.fromProperties(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        if (!(config instanceof AllinpayConfig c)) {
            throw new ConfigurationException("The allinpay provider needs an AllinpayConfig (AllinpayConfig.builder() or "
                    + "configFromProperties), not " + (config == null ? "null" : config.getClass().getName()));
        }
        Objects.requireNonNull(context, "context");
        Signer signer = c.signType() == AllinpayConfig.SignType.RSA
                ? new RsaSigner(c.privateKey(), c.platformPublicKey())
                : new Sm2Signer(c.privateKey(), c.appid(), c.platformPublicKey(), Sm2Signer.RESPONSE_USER_ID);
        return new AllinpayAdapter(c.endpoint(),
                new AllinpayAdapter.Merchant(c.appid(), c.cusid(), c.orgid().orElse(null), c.version()), signer, context);
    }

    @Override
    public String toString() {
        return "AllinpayProvider[" + ID + "]";
    }
}
