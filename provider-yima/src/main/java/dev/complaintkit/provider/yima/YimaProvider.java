package dev.complaintkit.provider.yima;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.provider.yima.internal.YimaAdapter;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The Yima (翼码) provider, id {@value YimaConfig#ID}: replies to WeChat Pay consumer complaints through
 * Yima's {@code risk_complaints_resp_request}. Capability: {@link Capability#REPLY} only.
 * Registered through ServiceLoader; configure it with {@link YimaConfig} or {@code yima.*} properties.
 */
public final class YimaProvider implements ComplaintProvider {

    /** Public for ServiceLoader; does no I/O. */
    public YimaProvider() {}

    @Override
    public String id() {
        return YimaConfig.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REPLY);
    }

    /**
     * Keys: {@code yima.endpoint}, {@code yima.isspid}, {@code yima.system-id},
     * {@code yima.seller-account}, {@code yima.secret}, {@code yima.format} ({@code json}|{@code xml}),
     * {@code yima.sign-scheme} ({@code MD5_SORTED_KEY}|{@code MD5_WRAPPED}), {@code yima.charset},
     * {@code yima.response-signature} ({@code require}|{@code warn}), {@code yima.sign-result}
     * ({@code true}|{@code false}).
     */
    @Override
    public ProviderConfig configFromProperties(Map<String, String> properties) {
        ConfigCheck check = new ConfigCheck(YimaConfig.ID);
        check.unknownKeys(properties, YimaConfig.SETTINGS);
        return YimaConfig.builder()
                .endpoint(properties.get(check.key("endpoint")))
                .isspid(properties.get(check.key("isspid")))
                .systemId(properties.get(check.key("system-id")))
                .sellerAccount(properties.get(check.key("seller-account")))
                .secret(properties.get(check.key("secret")))
                .formatText(properties.get(check.key("format")))
                .signSchemeText(properties.get(check.key("sign-scheme")))
                .charsetText(properties.get(check.key("charset")))
                .responseSignatureText(properties.get(check.key("response-signature")))
                .signResultText(properties.get(check.key("sign-result")))
                .build(check);
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        if (!(config instanceof YimaConfig yima)) {
            throw new ConfigurationException("The Yima provider needs a YimaConfig (YimaConfig.builder() or yima.* "
                    + "properties), not " + (config == null ? "null" : config.getClass().getName()));
        }
        return new YimaAdapter(yima, context);
    }

    @Override
    public String toString() {
        return "YimaProvider[id=" + id() + "]";
    }
}
