package dev.complaintkit.provider.yima;

import dev.complaintkit.provider.yima.internal.Texts;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.Secret;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Yima (翼码) provider. Build with {@link #builder()}; {@link #build() build()} checks
 * every setting and reports all bad ones at once.
 *
 * <pre>{@code
 * YimaConfig config = YimaConfig.builder()
 *         .endpoint("https://gateway.example.com/yima")   // the gateway URL Yima gave you
 *         .isspid("39493002").systemId("8888").sellerAccount("66660000000000001")
 *         .secret(System.getenv("YIMA_SECRET"))
 *         .build();
 * }</pre>
 *
 * <p>Property keys ({@code Complaints.client("yima", map)}): {@code yima.endpoint}, {@code yima.isspid},
 * {@code yima.system-id}, {@code yima.seller-account}, {@code yima.secret}, {@code yima.format},
 * {@code yima.sign-scheme}, {@code yima.charset}, {@code yima.response-signature}, {@code yima.sign-result}.
 *
 * <p>The signing scheme, the JSON charset and the handling of unsigned answers are settings because
 * Yima does not publish them; the defaults are inferred (see the module's README).
 */
public final class YimaConfig implements ProviderConfig {

    /** The provider id, also the prefix of the property keys. */
    public static final String ID = "yima";

    /** Setting names (without the {@code yima.} prefix), in the order {@link #describe()} lists them. */
    static final List<String> SETTINGS = List.of("endpoint", "isspid", "system-id", "seller-account", "secret",
            "format", "sign-scheme", "charset", "response-signature", "sign-result");

    /** Longest value of a bad setting that a violation repeats; longer ones are described by their length only. */
    private static final int MAX_ECHOED = 12;

    /** The message format on the wire. */
    public enum Format {
        /** A JSON body carrying a {@code sign} field (default). */
        JSON,
        /**
         * A GBK XML document ({@code <business_trans>}) posted as the form {@code xml=…&mac=…}.
         * Every character sent must be encodable in GBK.
         */
        XML
    }

    /** How request and response signatures are computed (inferred; see the module's README). */
    public enum SignScheme {
        /**
         * Default: the non-empty top-level fields except {@code sign}, sorted by name, joined
         * {@code k=v&k=v}, then {@code &key=<secret>}; MD5, upper-case hex.
         */
        MD5_SORTED_KEY,
        /** MD5, upper-case hex, of {@code secret + content + secret} (Yima's older gateways' wrap). */
        MD5_WRAPPED
    }

    /**
     * What to do with an answer that carries no signature: a JSON answer without {@code sign}, an XML
     * answer as a bare body or as a form without {@code mac}.
     */
    public enum ResponseSignature {
        /** Default: an unsigned success answer is a {@code SignatureException}, in JSON and in XML. */
        REQUIRE,
        /** Explicit opt-out: log a WARNING and use the unsigned answer. A wrong signature still fails. */
        WARN
    }

    private final URI endpoint;
    private final String isspid;
    private final String systemId;
    private final String sellerAccount;
    private final Secret secret;
    private final Format format;
    private final SignScheme signScheme;
    private final Charset charset;
    private final ResponseSignature responseSignature;
    private final boolean signResult;

    private YimaConfig(URI endpoint, String isspid, String systemId, String sellerAccount, Secret secret,
            Format format, SignScheme signScheme, Charset charset, ResponseSignature responseSignature,
            boolean signResult) {
        this.endpoint = endpoint;
        this.isspid = isspid;
        this.systemId = systemId;
        this.sellerAccount = sellerAccount;
        this.secret = secret;
        this.format = format;
        this.signScheme = signScheme;
        this.charset = charset;
        this.responseSignature = responseSignature;
        this.signResult = signResult;
    }

    /** @return a builder with the defaults: JSON, {@code MD5_SORTED_KEY}, UTF-8, signatures required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the full gateway URL requests are posted to */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the merchant number Yima assigned ({@code isspid}, 8 characters) */
    public String isspid() {
        return isspid;
    }

    /** @return the platform number Yima assigned ({@code system_id}, 4 characters) */
    public String systemId() {
        return systemId;
    }

    /** @return the collecting account ({@code seller_account}, at most 64 characters) */
    public String sellerAccount() {
        return sellerAccount;
    }

    /** @return the signing key */
    public Secret secret() {
        return secret;
    }

    /** @return the wire format */
    public Format format() {
        return format;
    }

    /** @return the signing scheme */
    public SignScheme signScheme() {
        return signScheme;
    }

    /** @return the charset of JSON bodies (XML is always GBK) */
    public Charset charset() {
        return charset;
    }

    /** @return the charset the messages are sent in: GBK for XML, {@link #charset()} for JSON */
    public Charset messageCharset() {
        return format == Format.XML ? Texts.GBK : charset;
    }

    /** @return what to do with an unsigned answer (JSON without {@code sign}, XML without {@code mac}) */
    public ResponseSignature responseSignature() {
        return responseSignature;
    }

    /**
     * @return whether an answer's signature is expected to cover {@code result.id} and
     *     {@code result.comment} too, flattened under those names into the sorted field string
     *     (default false: the top-level scalar fields only, so the signature does not prove the outcome)
     */
    public boolean signResult() {
        return signResult;
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("yima.endpoint", endpoint.toString());
        out.put("yima.isspid", isspid);
        out.put("yima.system-id", systemId);
        out.put("yima.seller-account", sellerAccount);
        out.put("yima.secret", "<redacted>");
        out.put("yima.format", format.name().toLowerCase(java.util.Locale.ROOT));
        out.put("yima.sign-scheme", signScheme.name());
        out.put("yima.charset", charset.name());
        out.put("yima.response-signature", responseSignature.name().toLowerCase(java.util.Locale.ROOT));
        out.put("yima.sign-result", Boolean.toString(signResult));
        return out;
    }

    @Override
    public String toString() {
        return "YimaConfig" + describe();
    }

    /** Builds a {@link YimaConfig}; every setting is checked in {@link #build()}. */
    public static final class Builder {
        private String endpoint;
        private String isspid;
        private String systemId;
        private String sellerAccount;
        private Secret secret;
        private String format;
        private String signScheme;
        private String charset;
        private String responseSignature;
        private String signResult;

        private Builder() {}

        /** @param endpoint the full gateway URL (HTTPS; plain HTTP only to loopback); required @return this */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** @param endpoint the full gateway URL; required @return this */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint == null ? null : endpoint.toString();
            return this;
        }

        /** @param isspid the merchant number ({@code isspid}, exactly 8 characters); required @return this */
        public Builder isspid(String isspid) {
            this.isspid = isspid;
            return this;
        }

        /** @param systemId the platform number ({@code system_id}, exactly 4 characters); required @return this */
        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        /** @param sellerAccount the collecting account ({@code seller_account}, at most 64 characters); required @return this */
        public Builder sellerAccount(String sellerAccount) {
            this.sellerAccount = sellerAccount;
            return this;
        }

        /** @param secret the signing key; required @return this */
        public Builder secret(Secret secret) {
            this.secret = secret;
            return this;
        }

        /** @param secret the signing key; required @return this */
        public Builder secret(String secret) {
            this.secret = secret == null ? null : Secret.of(secret);
            return this;
        }

        /** @param format the wire format (default {@link Format#JSON}) @return this */
        public Builder format(Format format) {
            this.format = format == null ? null : format.name();
            return this;
        }

        /** @param scheme the signing scheme (default {@link SignScheme#MD5_SORTED_KEY}) @return this */
        public Builder signScheme(SignScheme scheme) {
            this.signScheme = scheme == null ? null : scheme.name();
            return this;
        }

        /** @param charset the charset of JSON bodies (default UTF-8; XML is always GBK) @return this */
        public Builder charset(Charset charset) {
            this.charset = charset == null ? null : charset.name();
            return this;
        }

        /** @param policy what to do with an unsigned JSON answer (default {@link ResponseSignature#REQUIRE}) @return this */
        public Builder responseSignature(ResponseSignature policy) {
            this.responseSignature = policy == null ? null : policy.name();
            return this;
        }

        /**
         * @param include whether answer signatures cover {@code result.id} and {@code result.comment}
         *     (flattened under those names); default false. Set it to true only once your gateway is
         *     known to sign them: then a changed outcome no longer verifies
         * @return this
         */
        public Builder signResult(boolean include) {
            this.signResult = Boolean.toString(include);
            return this;
        }

        /** Text forms, for the properties view: parsed and checked in {@link #build()}. */
        Builder formatText(String format) {
            this.format = format;
            return this;
        }

        Builder signSchemeText(String scheme) {
            this.signScheme = scheme;
            return this;
        }

        Builder charsetText(String charset) {
            this.charset = charset;
            return this;
        }

        Builder responseSignatureText(String policy) {
            this.responseSignature = policy;
            return this;
        }

        Builder signResultText(String include) {
            this.signResult = include;
            return this;
        }

        /**
         * @return the configuration
         * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
         */
        public YimaConfig build() {
            return build(new ConfigCheck(ID));
        }

        YimaConfig build(ConfigCheck check) {
            URI uri = check.endpoint("endpoint", endpoint);
            if (uri != null && uri.getPort() > 65_535) {
                check.fail("endpoint", "port", "has port " + uri.getPort() + "; a port is at most 65535");
                uri = null;
            }
            check.required("isspid", isspid);
            check.exactLength("isspid", isspid, 8);
            check.required("system-id", systemId);
            check.exactLength("system-id", systemId, 4);
            check.required("seller-account", sellerAccount);
            check.maxLength("seller-account", sellerAccount, 64);
            check.required("secret", secret);
            Format f = check.choice("format", format, Format::valueOf, Format.JSON, "json, xml");
            SignScheme s = check.choice("sign-scheme", signScheme, SignScheme::valueOf, SignScheme.MD5_SORTED_KEY,
                    "MD5_SORTED_KEY, MD5_WRAPPED");
            ResponseSignature r = check.choice("response-signature", responseSignature, ResponseSignature::valueOf,
                    ResponseSignature.REQUIRE, "require, warn");
            boolean sr = check.choice("sign-result", signResult, YimaConfig::parseBoolean, false, "true, false");
            Charset cs = charset(check);
            Charset wire = f == Format.XML ? Texts.GBK : cs;
            encodable(check, "isspid", isspid, wire);
            encodable(check, "system-id", systemId, wire);
            encodable(check, "seller-account", sellerAccount, wire);
            // these are signed as k=v&k=v and echoed in the answer, where '&' or '=' would make the signed string ambiguous
            separatorFree(check, "isspid", isspid);
            separatorFree(check, "system-id", systemId);
            separatorFree(check, "seller-account", sellerAccount);
            if (secret != null) {
                CharsetEncoder enc = wire.newEncoder();
                if (!enc.canEncode(secret.reveal())) {
                    check.fail("secret", "charset", "contains characters " + wire.name() + " cannot encode");
                }
            }
            check.throwIfAny();
            return new YimaConfig(uri, isspid, systemId, sellerAccount, secret, f, s, cs, r, sr);
        }

        private Charset charset(ConfigCheck check) {
            if (charset == null || charset.isBlank()) {
                return StandardCharsets.UTF_8;
            }
            try {
                Charset cs = Charset.forName(charset.trim());
                if (!cs.canEncode()) {
                    check.fail("charset", "charset", "cannot encode text (was " + echo(charset) + ")");
                    return StandardCharsets.UTF_8;
                }
                return cs;
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                check.fail("charset", "charset", "is not a charset this JVM supports (was " + echo(charset) + ")");
                return StandardCharsets.UTF_8;
            }
        }

        private static void separatorFree(ConfigCheck check, String setting, String value) {
            if (value != null && (value.indexOf('&') >= 0 || value.indexOf('=') >= 0)) {
                check.fail(setting, "forbidden-character", "must not contain '&' or '=': it is signed as k=v&k=v");
            }
        }

        /**
         * A bad value as a violation repeats it: quoted when short, otherwise only its length — a secret
         * pasted into the wrong setting is never echoed.
         */
        private static String echo(String value) {
            String v = value.trim();
            return v.length() <= MAX_ECHOED ? "'" + v + "'" : "a value of " + v.length() + " characters";
        }

        private static void encodable(ConfigCheck check, String setting, String value, Charset cs) {
            if (value == null) {
                return;
            }
            Texts.firstUnencodable(value, cs).ifPresent(cp -> check.fail(setting, "charset",
                    "contains " + Texts.describe(cp) + ", which " + cs.name() + " cannot encode"));
        }

        @Override
        public String toString() {
            return "YimaConfig.Builder[endpoint=" + endpoint + ", isspid=" + isspid + ", secret="
                    + (secret == null ? "null" : "<redacted>") + "]";
        }
    }

    private static Boolean parseBoolean(String upperCase) {
        return switch (upperCase) {
            case "TRUE" -> Boolean.TRUE;
            case "FALSE" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(upperCase);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YimaConfig c && endpoint.equals(c.endpoint) && isspid.equals(c.isspid)
                && systemId.equals(c.systemId) && sellerAccount.equals(c.sellerAccount) && secret.equals(c.secret)
                && format == c.format && signScheme == c.signScheme && charset.equals(c.charset)
                && responseSignature == c.responseSignature && signResult == c.signResult;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, isspid, systemId, sellerAccount, format, signScheme, charset, responseSignature,
                signResult);
    }
}
