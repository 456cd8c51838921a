/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.provider.xiaoe.internal.XiaoeAdapter;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.spi.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Every client of one app (same endpoint and {@code app_id}) on one core
 * {@link dev.complaintkit.SharedState} (by default {@link dev.complaintkit.SharedState#jvm()}; a Redis one
 * shares across JVMs) shares one access token and one rate budget per endpoint; see {@link XiaoeConfig}
 * for the settings and {@link XiaoeSharedState} for an isolated state.
 */
public final class XiaoeProvider implements ComplaintProvider<XiaoeConfig> {
    /** The provider id, also the configuration key prefix. */
    public static final String ID = "xiaoe";

    /** Durations parsed by the builder's rules, not by {@link Settings}' ranges. */
    private static final Duration ANY_MIN = Duration.ofSeconds(Long.MIN_VALUE);
    private static final Duration ANY_MAX = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    private static final List<String> DURATIONS = List.of(XiaoeConfig.RATE_WINDOW, XiaoeConfig.RATE_LIMIT_MAX_WAIT,
            XiaoeConfig.TOKEN_RENEWAL_MARGIN);

    /** For ServiceLoader; does no I/O. */
    public XiaoeProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<XiaoeConfig> configType() {
        return XiaoeConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return XiaoeAdapter.class;
    }

    /**
     * Maps {@code xiaoe.*} keys onto {@link XiaoeConfig}: {@code xiaoe.endpoint}, {@code xiaoe.app-id},
     * {@code xiaoe.client-id}, {@code xiaoe.secret-key}, {@code xiaoe.rate-limit}, {@code xiaoe.rate-window},
     * {@code xiaoe.rate-limit-max-wait}, {@code xiaoe.token-renewal-margin}, {@code xiaoe.max-page-size}.
     * Durations are ISO-8601 ({@code PT10S}), whole seconds ({@code 10}) or a number with a unit
     * ({@code 500ms}, {@code 10s}). Other providers' keys are ignored; an unknown {@code xiaoe.} key is
     * reported. Clients configured so use {@link XiaoeSharedState#shared()}.
     */
    @Override
    public XiaoeConfig configFromProperties(Map<String, String> properties) {
        Map<String, String> p = properties == null ? new HashMap<>() : new HashMap<>(properties);
        for (String d : DURATIONS) { // whole seconds, as this provider has always read them
            p.computeIfPresent(ID + "." + d, (k, v) -> v.strip().matches("\\d+") ? "PT" + v.strip() + "S" : v);
        }
        Settings s = Settings.of(ID, p);
        XiaoeConfig.Builder b = XiaoeConfig.builder()
                .endpoint(s.string(XiaoeConfig.ENDPOINT, XiaoeConfig.DEFAULT_ENDPOINT))
                .appId(s.string(XiaoeConfig.APP_ID))
                .clientId(s.string(XiaoeConfig.CLIENT_ID))
                .secretKey(s.secret(XiaoeConfig.SECRET_KEY))
                .rateLimit(s.integer(XiaoeConfig.RATE_LIMIT, XiaoeConfig.DEFAULT_RATE_LIMIT, 1, Integer.MAX_VALUE),
                        s.duration(XiaoeConfig.RATE_WINDOW, XiaoeConfig.DEFAULT_RATE_WINDOW, ANY_MIN, ANY_MAX))
                .rateLimitMaxWait(s.duration(XiaoeConfig.RATE_LIMIT_MAX_WAIT, null, ANY_MIN, ANY_MAX))
                .tokenRenewalMargin(s.duration(XiaoeConfig.TOKEN_RENEWAL_MARGIN, XiaoeConfig.DEFAULT_TOKEN_RENEWAL_MARGIN,
                        ANY_MIN, ANY_MAX))
                .maxPageSize(s.integer(XiaoeConfig.MAX_PAGE_SIZE, XiaoeConfig.DEFAULT_MAX_PAGE_SIZE, 1,
                        XiaoeConfig.MAX_MAX_PAGE_SIZE));
        return s.build(b::build);
    }

    /**
     * @throws dev.complaintkit.error.ConfigurationException when live clients of the same app on the
     *     same shared state use another rate limit or window
     */
    @Override
    public ProviderAdapter create(XiaoeConfig config, ProviderContext context) {
        return new XiaoeAdapter(config, config.sharedState().state().map(context::withSharedState).orElse(context));
    }

    @Override
    public String toString() {
        return "XiaoeProvider[" + ID + "]";
    }
}
