/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.YimaAdapter;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Yima (翼码) provider, id {@value YimaConfig#ID}: reads a WeChat Pay consumer complaint's detail
 * through Yima's {@code risk_complaints_detail_request} (4.71, capability {@code DETAIL}) and replies
 * through {@code risk_complaints_resp_request} (4.73, capability {@code REPLY}) — the two ports its
 * adapter implements. Registered through ServiceLoader; configure it with {@link YimaConfig} or {@code yima.*}
 * properties.
 */
public final class YimaProvider implements ComplaintProvider<YimaConfig> {

    /** Public for ServiceLoader; does no I/O. */
    public YimaProvider() {}

    @Override
    public String id() {
        return YimaConfig.ID;
    }

    @Override
    public Class<YimaConfig> configType() {
        return YimaConfig.class;
    }

    @Override
    public Class<? extends ProviderAdapter> adapterType() {
        return YimaAdapter.class;
    }

    /**
     * Keys: {@code yima.endpoint}, {@code yima.isspid}, {@code yima.system-id},
     * {@code yima.seller-account}, {@code yima.secret}, {@code yima.format} ({@code json}|{@code xml}),
     * {@code yima.sign-scheme} and {@code yima.xml-mac-scheme} ({@code MD5_SORTED_KEY}|{@code MD5_WRAPPED}),
     * {@code yima.charset}, {@code yima.response-signature} ({@code require}|{@code warn}),
     * {@code yima.sign-result} ({@code true}|{@code false}, also {@code yes}/{@code no}, {@code on}/{@code off}),
     * {@code yima.detail-request-type} ({@code risk_complaints_detail_request}|{@code risk_wxcomplaint_detail_request}),
     * {@code yima.detail-signature} ({@code top-level}|{@code flattened}). Every violation is reported at once, unknown
     * {@code yima.*} keys included.
     */
    @Override
    public YimaConfig configFromProperties(Map<String, String> properties) {
        Settings s = Settings.of(YimaConfig.ID, properties);
        YimaConfig.Builder b = YimaConfig.builder()
                .endpoint(s.string("endpoint"))
                .isspid(s.string("isspid"))
                .systemId(s.string("system-id"))
                .sellerAccount(s.string("seller-account"))
                .secret(s.secret("secret"))
                .format(s.choice("format", Format.class, Format.JSON))
                .signScheme(s.choice("sign-scheme", SignScheme.class, SignScheme.MD5_SORTED_KEY))
                .xmlMacScheme(s.choice("xml-mac-scheme", SignScheme.class, SignScheme.MD5_WRAPPED))
                .charset(s.charset("charset", StandardCharsets.UTF_8))
                .responseSignature(s.choice("response-signature", ResponseSignature.class, ResponseSignature.REQUIRE))
                .signResult(s.bool("sign-result", false))
                .detailRequestType(s.choice("detail-request-type", YimaConfig.DetailRequestType.class,
                        YimaConfig.DetailRequestType.RISK_COMPLAINTS_DETAIL_REQUEST))
                .detailSignature(s.choice("detail-signature", YimaConfig.NestedSignature.class,
                        YimaConfig.NestedSignature.TOP_LEVEL));
        return s.build(b::build);
    }

    @Override
    public ProviderAdapter create(YimaConfig config, ProviderContext context) {
        return new YimaAdapter(config, context);
    }

    @Override
    public String toString() {
        return "YimaProvider[id=" + id() + "]";
    }
}
