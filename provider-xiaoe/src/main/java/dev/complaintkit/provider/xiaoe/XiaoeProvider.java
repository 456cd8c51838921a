package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.provider.xiaoe.internal.XiaoeAdapter;
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
 * The Xiaoe-tech (小鹅通) provider, id {@value #ID}: lists B-side complaints
 * ({@code xe.pay_through.complaint_record.xe.b_complaints.list}). Found by ServiceLoader.
 *
 * <pre>{@code
 * ComplaintClient client = Complaints.client(XiaoeConfig.builder()
 *         .appId("app1a2b3c4d5e6f").clientId("xop1a2b3c4d5e6f").secretKey(secret).build());
 * client.complaints(ComplaintFilter.builder().state(ComplaintState.PENDING).build())
 *         .forEach(System.out::println);
 * }</pre>
 *
 * <p>Every client of one app (same endpoint and {@code app_id}) in the JVM shares one access-token
 * cache and one rate limiter; see {@link XiaoeConfig} for the settings.
 */
public final class XiaoeProvider implements ComplaintProvider {
    /** The provider id, also the configuration key prefix. */
    public static final String ID = "xiaoe";

    /** For ServiceLoader; does no I/O. */
    public XiaoeProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.LIST_COMPLAINTS);
    }

    /**
     * Maps {@code xiaoe.*} keys onto {@link XiaoeConfig}: {@code xiaoe.endpoint}, {@code xiaoe.app-id},
     * {@code xiaoe.client-id}, {@code xiaoe.secret-key}, {@code xiaoe.rate-limit}, {@code xiaoe.rate-window},
     * {@code xiaoe.rate-limit-max-wait}, {@code xiaoe.token-renewal-margin}, {@code xiaoe.max-page-size}.
     * Other providers' keys are ignored; an unknown {@code xiaoe.} key is reported.
     */
    @Override
    public XiaoeConfig configFromProperties(Map<String, String> properties) {
        ConfigCheck unknown = new ConfigCheck(ID);
        unknown.unknownKeys(properties, XiaoeConfig.SETTINGS);
        XiaoeConfig.Builder b = XiaoeConfig.builder();
        unknown.violations().forEach(v -> b.parseProblem(v.field().substring(ID.length() + 1), v.rule(), v.message()));
        String endpoint = properties.get(key(XiaoeConfig.ENDPOINT));
        if (endpoint != null) {
            b.endpoint(endpoint);
        }
        b.appId(properties.get(key(XiaoeConfig.APP_ID)));
        b.clientId(properties.get(key(XiaoeConfig.CLIENT_ID)));
        b.secretKey(properties.get(key(XiaoeConfig.SECRET_KEY)));
        b.rateLimitText(properties.get(key(XiaoeConfig.RATE_LIMIT)));
        b.rateWindowText(properties.get(key(XiaoeConfig.RATE_WINDOW)));
        b.rateLimitMaxWaitText(properties.get(key(XiaoeConfig.RATE_LIMIT_MAX_WAIT)));
        b.tokenRenewalMarginText(properties.get(key(XiaoeConfig.TOKEN_RENEWAL_MARGIN)));
        b.maxPageSizeText(properties.get(key(XiaoeConfig.MAX_PAGE_SIZE)));
        return b.build();
    }

    private static String key(String setting) {
        return ID + "." + setting;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
        if (!(config instanceof XiaoeConfig xiaoe)) {
            throw new ConfigurationException("The xiaoe provider needs a XiaoeConfig (XiaoeConfig.builder() or"
                    + " configFromProperties), not " + (config == null ? "null" : config.getClass().getName()));
        }
        return new XiaoeAdapter(xiaoe, context);
    }

    @Override
    public String toString() {
        return "XiaoeProvider[" + ID + "]";
    }
}
