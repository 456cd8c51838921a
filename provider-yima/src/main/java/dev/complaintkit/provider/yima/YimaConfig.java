/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import dev.complaintkit.Secret;
import dev.complaintkit.provider.yima.internal.Texts;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderConfig;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Yima (翼码) provider. Build with {@link #builder()}; {@link Builder#build() build()}
 * checks every setting and reports all bad ones at once.
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
 * {@code yima.sign-scheme}, {@code yima.xml-mac-scheme}, {@code yima.charset},
 * {@code yima.response-signature}, {@code yima.sign-result}, {@code yima.detail-request-type},
 * {@code yima.detail-signature}.
 *
 * <p>The signing schemes, the JSON charset and the handling of unsigned answers are settings because
 * Yima does not publish them; the defaults are inferred (see the module's README).
 */
public final class YimaConfig implements ProviderConfig {

    /** The provider id, also the prefix of the property keys. */
    public static final String ID = "yima";

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

    /** How a signature is computed (inferred; see the module's README). */
    public enum SignScheme {
        /**
         * The non-empty top-level fields except {@code sign}, sorted by name, joined {@code k=v&k=v},
         * then {@code &key=<secret>}; MD5, upper-case hex. The default of {@code yima.sign-scheme}.
         */
        MD5_SORTED_KEY,
        /**
         * MD5, upper-case hex, of {@code secret + content + secret} (Yima's older gateways' wrap); for
         * the XML form the content is the GBK document. The default of {@code yima.xml-mac-scheme}.
         */
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

    /**
     * The {@code request_type} of the detail call (4.71): Yima's two published copies of the page
     * spell it differently and which one is current is unknown.
     */
    public enum DetailRequestType {
        /** {@code risk_complaints_detail_request}, the default (the page the reply's own page links). */
        RISK_COMPLAINTS_DETAIL_REQUEST("risk_complaints_detail_request"),
        /** {@code risk_wxcomplaint_detail_request}, the other copy's spelling. */
        RISK_WXCOMPLAINT_DETAIL_REQUEST("risk_wxcomplaint_detail_request");

        private final String wire;

        DetailRequestType(String wire) {
            this.wire = wire;
        }

        /** @return the value sent as {@code request_type} */
        public String wire() {
            return wire;
        }
    }

    /** How an answer's nested {@code detail} object enters its sorted-field signature (unknown; inferred). */
    public enum NestedSignature {
        /** Default: not at all — only the top-level scalar fields are signed, as for replies. */
        TOP_LEVEL,
        /**
         * Every scalar inside {@code detail}, flattened under its path ({@code detail.complaint_id},
         * {@code detail.complaint_order_info[0].amount}, {@code detail.complaint_media_list[0].media_url[1]})
         * and sorted in with the top-level fields.
         */
        FLATTENED
    }

    /** The checked settings; a record, so that equal settings make equal configs. */
    private record Values(URI endpoint, String isspid, String systemId, String sellerAccount, Secret secret, Format format,
            SignScheme signScheme, SignScheme xmlMacScheme, Charset charset, ResponseSignature responseSignature,
            boolean signResult, DetailRequestType detailRequestType, NestedSignature detailSignature) {}

    private final Values v;

    private YimaConfig(Values values) {
        this.v = values;
    }

    /** @return a builder with the defaults: JSON, {@code MD5_SORTED_KEY}, an XML mac {@code MD5_WRAPPED}, UTF-8, signatures required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the full gateway URL requests are posted to */
    public URI endpoint() {
        return v.endpoint;
    }

    /** @return the merchant number Yima assigned ({@code isspid}, 8 characters) */
    public String isspid() {
        return v.isspid;
    }

    /** @return the platform number Yima assigned ({@code system_id}, 4 characters) */
    public String systemId() {
        return v.systemId;
    }

    /** @return the collecting account ({@code seller_account}, at most 64 characters) */
    public String sellerAccount() {
        return v.sellerAccount;
    }

    /** @return the signing key */
    public Secret secret() {
        return v.secret;
    }

    /** @return the wire format */
    public Format format() {
        return v.format;
    }

    /** @return the scheme of JSON signatures ({@code sign}) */
    public SignScheme signScheme() {
        return v.signScheme;
    }

    /** @return the scheme of the XML form's {@code mac}, whatever {@link #signScheme()} is (default {@code MD5_WRAPPED}) */
    public SignScheme xmlMacScheme() {
        return v.xmlMacScheme;
    }

    /** @return the charset of JSON bodies (XML is always GBK) */
    public Charset charset() {
        return v.charset;
    }

    /** @return the charset the messages are sent in: GBK for XML, {@link #charset()} for JSON */
    public Charset messageCharset() {
        return v.format == Format.XML ? Texts.GBK : v.charset;
    }

    /** @return what to do with an unsigned answer (JSON without {@code sign}, XML without {@code mac}) */
    public ResponseSignature responseSignature() {
        return v.responseSignature;
    }

    /**
     * @return whether an answer's signature is expected to cover {@code result.id} and
     *     {@code result.comment} too, flattened under those names into the sorted field string
     *     (default false: the top-level scalar fields only, so the signature does not prove the outcome)
     */
    public boolean signResult() {
        return v.signResult;
    }

    /** @return the {@code request_type} of the detail call (default {@code risk_complaints_detail_request}) */
    public DetailRequestType detailRequestType() {
        return v.detailRequestType;
    }

    /** @return how the detail answer's nested {@code detail} object enters its signature (default {@link NestedSignature#TOP_LEVEL}) */
    public NestedSignature detailSignature() {
        return v.detailSignature;
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("yima.endpoint", v.endpoint.toString());
        out.put("yima.isspid", v.isspid);
        out.put("yima.system-id", v.systemId);
        out.put("yima.seller-account", v.sellerAccount);
        out.put("yima.secret", "<redacted>");
        out.put("yima.format", v.format.name().toLowerCase(Locale.ROOT));
        out.put("yima.sign-scheme", v.signScheme.name());
        out.put("yima.xml-mac-scheme", v.xmlMacScheme.name());
        out.put("yima.charset", v.charset.name());
        out.put("yima.response-signature", v.responseSignature.name().toLowerCase(Locale.ROOT));
        out.put("yima.sign-result", Boolean.toString(v.signResult));
        out.put("yima.detail-request-type", v.detailRequestType.wire());
        out.put("yima.detail-signature", v.detailSignature.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return out;
    }

    @Override
    public String toString() {
        return "YimaConfig" + describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YimaConfig c && v.equals(c.v);
    }

    @Override
    public int hashCode() {
        return v.hashCode();
    }

    /** Builds a {@link YimaConfig}; every setting is checked in {@link #build()}. */
    public static final class Builder {
        private String endpoint;
        private String isspid;
        private String systemId;
        private String sellerAccount;
        private Secret secret;
        private Format format = Format.JSON;
        private SignScheme signScheme = SignScheme.MD5_SORTED_KEY;
        private SignScheme xmlMacScheme = SignScheme.MD5_WRAPPED;
        private Charset charset = StandardCharsets.UTF_8;
        private ResponseSignature responseSignature = ResponseSignature.REQUIRE;
        private boolean signResult;
        private DetailRequestType detailRequestType = DetailRequestType.RISK_COMPLAINTS_DETAIL_REQUEST;
        private NestedSignature detailSignature = NestedSignature.TOP_LEVEL;

        private Builder() {}

        /**
         * @param endpoint the full gateway URL (HTTPS; plain HTTP only to loopback); required
         * @return this
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param endpoint the full gateway URL; required
         * @return this
         */
        public Builder endpoint(URI endpoint) {
            return endpoint(endpoint == null ? null : endpoint.toString());
        }

        /**
         * @param isspid the merchant number ({@code isspid}, exactly 8 characters); required
         * @return this
         */
        public Builder isspid(String isspid) {
            this.isspid = isspid;
            return this;
        }

        /**
         * @param systemId the platform number ({@code system_id}, exactly 4 characters); required
         * @return this
         */
        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        /**
         * @param sellerAccount the collecting account ({@code seller_account}, at most 64 characters); required
         * @return this
         */
        public Builder sellerAccount(String sellerAccount) {
            this.sellerAccount = sellerAccount;
            return this;
        }

        /**
         * @param secret the signing key; required
         * @return this
         */
        public Builder secret(Secret secret) {
            this.secret = secret;
            return this;
        }

        /**
         * @param secret the signing key; required
         * @return this
         */
        public Builder secret(String secret) {
            return secret(secret == null ? null : Secret.of(secret));
        }

        /**
         * @param format the wire format (default, and when null, {@link Format#JSON})
         * @return this
         */
        public Builder format(Format format) {
            this.format = Objects.requireNonNullElse(format, Format.JSON);
            return this;
        }

        /**
         * @param scheme the scheme of JSON signatures (default, and when null, {@link SignScheme#MD5_SORTED_KEY})
         * @return this
         */
        public Builder signScheme(SignScheme scheme) {
            this.signScheme = Objects.requireNonNullElse(scheme, SignScheme.MD5_SORTED_KEY);
            return this;
        }

        /**
         * @param scheme the scheme of the XML form's {@code mac} (default, and when null,
         *     {@link SignScheme#MD5_WRAPPED}: the MD5 of secret + GBK document + secret); the JSON
         *     {@link #signScheme(SignScheme)} does not change it
         * @return this
         */
        public Builder xmlMacScheme(SignScheme scheme) {
            this.xmlMacScheme = Objects.requireNonNullElse(scheme, SignScheme.MD5_WRAPPED);
            return this;
        }

        /**
         * @param charset the charset of JSON bodies (default, and when null, UTF-8; XML is always GBK)
         * @return this
         */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNullElse(charset, StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @param policy what to do with an unsigned answer (default, and when null, {@link ResponseSignature#REQUIRE})
         * @return this
         */
        public Builder responseSignature(ResponseSignature policy) {
            this.responseSignature = Objects.requireNonNullElse(policy, ResponseSignature.REQUIRE);
            return this;
        }

        /**
         * @param include whether answer signatures cover {@code result.id} and {@code result.comment}
         *     (flattened under those names); default false. Set it to true only once your gateway is
         *     known to sign them: then a changed outcome no longer verifies
         * @return this
         */
        public Builder signResult(boolean include) {
            this.signResult = include;
            return this;
        }

        /**
         * @param type the detail call's {@code request_type} (default, and when null,
         *     {@link DetailRequestType#RISK_COMPLAINTS_DETAIL_REQUEST})
         * @return this
         */
        public Builder detailRequestType(DetailRequestType type) {
            this.detailRequestType = Objects.requireNonNullElse(type, DetailRequestType.RISK_COMPLAINTS_DETAIL_REQUEST);
            return this;
        }

        /**
         * @param how how the detail answer's nested {@code detail} enters its signature (default, and when
         *     null, {@link NestedSignature#TOP_LEVEL}); {@code FLATTENED} only once your gateway is known to sign so
         * @return this
         */
        public Builder detailSignature(NestedSignature how) {
            this.detailSignature = Objects.requireNonNullElse(how, NestedSignature.TOP_LEVEL);
            return this;
        }

        /**
         * @return the configuration
         * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
         */
        public YimaConfig build() {
            ConfigCheck check = new ConfigCheck(ID);
            URI uri = check.endpoint("endpoint", endpoint);
            check.required("isspid", isspid);
            check.exactLength("isspid", isspid, 8);
            check.required("system-id", systemId);
            check.exactLength("system-id", systemId, 4);
            check.required("seller-account", sellerAccount);
            check.maxLength("seller-account", sellerAccount, 64);
            check.required("secret", secret);
            if (!charset.canEncode()) {
                check.fail("charset", "charset", "cannot encode text (was " + charset.name() + ")");
            }
            Charset wire = format == Format.XML ? Texts.GBK : charset;
            merchantField(check, "isspid", isspid, wire);
            merchantField(check, "system-id", systemId, wire);
            merchantField(check, "seller-account", sellerAccount, wire);
            if (secret != null && wire.canEncode() && !wire.newEncoder().canEncode(secret.reveal())) {
                check.fail("secret", "charset", "contains characters " + wire.name() + " cannot encode");
            }
            check.throwIfAny();
            return new YimaConfig(new Values(uri, isspid, systemId, sellerAccount, secret, format, signScheme, xmlMacScheme,
                    charset, responseSignature, signResult, detailRequestType, detailSignature));
        }

        /** A merchant field is sent in the message charset, signed as k=v&k=v and echoed in the answer. */
        private static void merchantField(ConfigCheck check, String setting, String value, Charset wire) {
            if (value == null) {
                return;
            }
            if (wire.canEncode()) {
                Texts.firstUnencodable(value, wire).ifPresent(cp -> check.fail(setting, "charset",
                        "contains " + Texts.describe(cp) + ", which " + wire.name() + " cannot encode"));
            }
            // '&' or '=' would make the signed string of the request and of the answer's echo ambiguous
            if (value.indexOf('&') >= 0 || value.indexOf('=') >= 0) {
                check.fail(setting, "forbidden-character", "must not contain '&' or '=': it is signed as k=v&k=v");
            }
        }

        @Override
        public String toString() {
            return "YimaConfig.Builder[endpoint=" + endpoint + ", isspid=" + isspid + ", secret="
                    + (secret == null ? "null" : "<redacted>") + "]";
        }
    }
}
