/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.YimaAdapter;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.spi.Settings;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * The Yima (翼码) provider, id {@value YimaConfig#ID}: replies to WeChat Pay consumer complaints through
 * Yima's {@code risk_complaints_resp_request} (capability {@code REPLY}, the one port its adapter
 * implements). Registered through ServiceLoader; configure it with {@link YimaConfig} or {@code yima.*}
 * properties.
 */
public final class YimaProvider implements ComplaintProvider<YimaConfig> {

    /** {@code yima.sign-result}: a boolean setting, read as a choice so that its violation lists the values. */
    private enum Flag { TRUE, FALSE }

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
     * {@code yima.sign-result} ({@code true}|{@code false}). Every violation is reported at once, unknown
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
                .charset(charset(s))
                .responseSignature(s.choice("response-signature", ResponseSignature.class, ResponseSignature.REQUIRE))
                .signResult(s.choice("sign-result", Flag.class, Flag.FALSE) == Flag.TRUE);
        return s.build(b::build);
    }

    /** @return {@code yima.charset}, or null (UTF-8) when unset or unknown (a violation is recorded; a long value is not echoed) */
    private static Charset charset(Settings s) {
        String name = s.string("charset");
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            s.fail("charset", "charset", "is not a charset this JVM supports (" + ConfigCheck.echo(name) + ")");
            return null;
        }
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
