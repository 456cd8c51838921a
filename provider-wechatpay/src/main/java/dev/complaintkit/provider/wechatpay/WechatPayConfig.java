/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.provider.wechatpay.internal.KeyParsing;
import dev.complaintkit.provider.wechatpay.internal.VerificationKeys;
import dev.complaintkit.provider.wechatpay.internal.WechatPayWire;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.Settings;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the WeChat Pay APIv3 (direct) provider. Build with {@link #builder()} or read
 * {@code wechatpay.<setting>} properties with {@link #fromProperties(Map)}:
 *
 * <pre>{@code
 * WechatPayConfig config = WechatPayConfig.builder()
 *         .mchid("1900012181").merchantSerial("5F1C72E2…")
 *         .privateKey(apiclientKeyPem)                 // PKCS#8 PEM or Base64
 *         .apiV3Key(Secret.of(apiV3Key))               // 32 characters
 *         .platformPublicKey("PUB_KEY_ID_0119…", pubKeyPem)   // and/or .platformCertificates(pem)
 *         .build();
 * }</pre>
 *
 * <p>Answers are verified with the WeChat Pay public key (public-key mode), the platform
 * certificates (certificate mode), or both at once (WeChat's migration: the key is chosen by each
 * answer's {@code Wechatpay-Serial}). {@link Builder#build()} parses every key once and reports
 * every problem together, naming the setting and never the key text.
 */
public final class WechatPayConfig implements ProviderConfig {
    /** The primary host. */
    public static final URI PRODUCTION = URI.create("https://api.mch.weixin.qq.com");
    /** The backup host WeChat names for failover. */
    public static final URI BACKUP = URI.create("https://api2.mch.weixin.qq.com");
    /** The {@code response_content} limit by default (WeChat's merchant page). */
    public static final int DEFAULT_RESPONSE_LIMIT = 200;
    /** The highest {@code response_content} limit accepted (WeChat's partner page). */
    public static final int MAX_RESPONSE_LIMIT = 500;

    private final URI endpoint;
    private final String mchid;
    private final String merchantSerial;
    private final PrivateKey privateKey;
    private final Secret apiV3Key;
    private final VerificationKeys verificationKeys;
    private final String publicKeyId;
    private final String complaintedMchid;
    private final int responseContentLimit;

    private WechatPayConfig(Builder b, PrivateKey privateKey, VerificationKeys keys) {
        this.endpoint = b.endpoint;
        this.mchid = b.mchid;
        this.merchantSerial = b.merchantSerial;
        this.privateKey = privateKey;
        this.apiV3Key = b.apiV3Key;
        this.verificationKeys = keys;
        this.publicKeyId = b.publicKeyId;
        this.complaintedMchid = b.complaintedMchid;
        this.responseContentLimit = b.responseContentLimit;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code wechatpay.endpoint} ({@code production}, {@code backup} or a URL),
     * {@code mchid}, {@code merchant-serial}, {@code private-key}, {@code api-v3-key},
     * {@code platform-public-key-id}, {@code platform-public-key}, {@code platform-certificates},
     * {@code complainted-mchid} and {@code response-content-limit}.
     *
     * @param properties the settings; other providers' keys are ignored
     * @return the configuration
     * @throws ConfigurationException listing every bad or unknown setting
     */
    public static WechatPayConfig fromProperties(Map<String, String> properties) {
        Settings s = Settings.of(WechatPayWire.PROVIDER, properties);
        Builder b = builder()
                .endpoint(s.baseUrl("endpoint", Map.of("production", PRODUCTION, "backup", BACKUP), PRODUCTION))
                .mchid(s.string("mchid")).merchantSerial(s.string("merchant-serial"))
                .privateKey(s.keyMaterial("private-key", false)).apiV3Key(s.secret("api-v3-key"))
                .complaintedMchid(s.string("complainted-mchid"))
                .responseContentLimit(s.integer("response-content-limit", DEFAULT_RESPONSE_LIMIT, 1, MAX_RESPONSE_LIMIT));
        String id = s.string("platform-public-key-id");
        Secret key = s.keyMaterial("platform-public-key", false);
        if (id != null || key != null) {
            b.platformPublicKey(id, key == null ? null : key.reveal());
        }
        Secret certs = s.keyMaterial("platform-certificates", false);
        if (certs != null) {
            b.platformCertificates(certs.reveal());
        }
        return s.build(b::build);
    }

    @Override
    public String providerId() {
        return WechatPayWire.PROVIDER;
    }

    /** @return the base URL, e.g. {@code https://api.mch.weixin.qq.com} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the merchant id ({@code mchid}) that signs requests */
    public String mchid() {
        return mchid;
    }

    /** @return the merchant API certificate's serial */
    public String merchantSerial() {
        return merchantSerial;
    }

    /** @return the parsed merchant API private key (never printed) */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the APIv3 key (never printed) */
    public Secret apiV3Key() {
        return apiV3Key;
    }

    /** @return the keys answers and notifications are verified with, by serial */
    public VerificationKeys verificationKeys() {
        return verificationKeys;
    }

    /** @return the public key id sent as {@code Wechatpay-Serial}, when the public-key mode is configured */
    public Optional<String> publicKeyId() {
        return Optional.ofNullable(publicKeyId);
    }

    /** @return the sub-merchant sent as {@code complainted_mchid} when a call names none (service providers) */
    public Optional<String> complaintedMchid() {
        return Optional.ofNullable(complaintedMchid);
    }

    /** @return the longest {@code response_content} accepted before sending */
    public int responseContentLimit() {
        return responseContentLimit;
    }

    /** @return the settings in force, for diagnostics; keys and secrets are never included */
    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("endpoint", endpoint.toString());
        d.put("mchid", mchid);
        d.put("merchant-serial", merchantSerial);
        d.put("verification-keys", String.join(",", verificationKeys.serials()));
        complaintedMchid().ifPresent(m -> d.put("complainted-mchid", m));
        d.put("response-content-limit", Integer.toString(responseContentLimit));
        return d;
    }

    @Override
    public String toString() {
        return "WechatPayConfig[" + endpoint + ", mchid=" + mchid + ", merchantSerial=" + merchantSerial
                + ", keys=" + verificationKeys.serials() + ", privateKey=***, apiV3Key=***]";
    }

    /** Builds a {@link WechatPayConfig}; every setting is checked in {@link #build()}. */
    public static final class Builder {
        private URI endpoint = PRODUCTION;
        private String endpointText;
        private String mchid;
        private String merchantSerial;
        private Secret privateKey;
        private Secret apiV3Key;
        private String publicKeyId;
        private String publicKey;
        private String certificates;
        private String complaintedMchid;
        private int responseContentLimit = DEFAULT_RESPONSE_LIMIT;

        private Builder() {}

        /**
         * @param endpoint the base URL (HTTPS; plain HTTP only to loopback)
         * @return this
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            this.endpointText = null;
            return this;
        }

        /**
         * @param endpoint the base URL as text
         * @return this
         */
        public Builder endpoint(String endpoint) {
            this.endpointText = endpoint;
            return this;
        }

        /**
         * @param mchid the merchant id
         * @return this
         */
        public Builder mchid(String mchid) {
            this.mchid = mchid;
            return this;
        }

        /**
         * @param serial the merchant API certificate's serial (hex)
         * @return this
         */
        public Builder merchantSerial(String serial) {
            this.merchantSerial = serial;
            return this;
        }

        /**
         * @param pkcs8 the merchant API private key, PKCS#8 PEM or Base64
         * @return this
         */
        public Builder privateKey(Secret pkcs8) {
            this.privateKey = pkcs8;
            return this;
        }

        /**
         * @param pkcs8 the merchant API private key, PKCS#8 PEM or Base64
         * @return this
         */
        public Builder privateKey(String pkcs8) {
            return privateKey(pkcs8 == null ? null : Secret.of(pkcs8));
        }

        /**
         * @param key the APIv3 key, 32 characters
         * @return this
         */
        public Builder apiV3Key(Secret key) {
            this.apiV3Key = key;
            return this;
        }

        /**
         * @param id the WeChat Pay public key id ({@code PUB_KEY_ID_…})
         * @param pem the WeChat Pay public key, X.509 PEM or Base64
         * @return this
         */
        public Builder platformPublicKey(String id, String pem) {
            this.publicKeyId = id;
            this.publicKey = pem;
            return this;
        }

        /**
         * @param pem one or more platform certificates, PEM
         * @return this
         */
        public Builder platformCertificates(String pem) {
            this.certificates = pem;
            return this;
        }

        /**
         * @param mchid the default {@code complainted_mchid} (service providers), or {@code null}
         * @return this
         */
        public Builder complaintedMchid(String mchid) {
            this.complaintedMchid = mchid == null || mchid.isBlank() ? null : mchid.strip();
            return this;
        }

        /**
         * @param limit the {@code response_content} limit, 1 to 500 (default 200)
         * @return this
         */
        public Builder responseContentLimit(int limit) {
            this.responseContentLimit = limit;
            return this;
        }

        /**
         * @return the configuration
         * @throws ConfigurationException listing every problem
         */
        public WechatPayConfig build() {
            ConfigCheck check = new ConfigCheck(WechatPayWire.PROVIDER);
            if (endpointText != null) {
                endpoint = check.endpoint("endpoint", endpointText);
            } else if (endpoint != null) {
                endpoint = check.endpoint("endpoint", endpoint.toString());
            } else {
                check.fail("endpoint", "required", "is required");
            }
            if (check.required("mchid", mchid) && !mchid.chars().allMatch(Character::isDigit)) {
                check.fail("mchid", "digits", "must be digits (" + ConfigCheck.echo(mchid) + ")");
            }
            if (check.required("merchant-serial", merchantSerial) && !merchantSerial.matches("[0-9A-Fa-f]{1,64}")) {
                check.fail("merchant-serial", "hex", "must be the certificate serial in hex (" + ConfigCheck.echo(merchantSerial) + ")");
            }
            if (check.required("api-v3-key", apiV3Key) && apiV3Key.reveal().length() != 32) {
                check.fail("api-v3-key", "length", "must be exactly 32 characters (was " + apiV3Key.reveal().length() + ")");
            }
            if (complaintedMchid != null && !complaintedMchid.chars().allMatch(Character::isDigit)) {
                check.fail("complainted-mchid", "digits", "must be digits (" + ConfigCheck.echo(complaintedMchid) + ")");
            }
            check.range("response-content-limit", responseContentLimit, 1, MAX_RESPONSE_LIMIT);
            List<Violation> violations = new ArrayList<>(check.violations());
            PrivateKey parsedKey = parse(violations, () -> KeyParsing.privateKey(WechatPayWire.SETTING_PRIVATE_KEY, privateKey));
            PublicKey parsedPublic = null;
            if (publicKey != null || publicKeyId != null) {
                if (publicKeyId == null || publicKeyId.isBlank()) {
                    violations.add(new Violation(WechatPayWire.SETTING_PUBLIC_KEY_ID, "required",
                            "is required with " + WechatPayWire.SETTING_PUBLIC_KEY));
                }
                parsedPublic = parse(violations, () -> KeyParsing.publicKey(WechatPayWire.SETTING_PUBLIC_KEY, publicKey));
            }
            List<X509Certificate> certs = certificates == null ? List.of()
                    : parse(violations, () -> KeyParsing.certificates(WechatPayWire.SETTING_CERTIFICATES, certificates));
            if (certs == null) {
                certs = List.of();
            }
            VerificationKeys keys = null;
            if (violations.isEmpty()) {
                if (parsedPublic == null && certs.isEmpty()) {
                    violations.add(new Violation(WechatPayWire.SETTING_PUBLIC_KEY, "required", "is required, or "
                            + WechatPayWire.SETTING_CERTIFICATES + ": answers are verified with one of them"));
                } else {
                    final PublicKey pk = parsedPublic;
                    final List<X509Certificate> cs = certs;
                    keys = parse(violations, () -> VerificationKeys.of(pk == null ? null : publicKeyId, pk, cs));
                }
            }
            if (!violations.isEmpty()) {
                throw new ConfigurationException(violations);
            }
            return new WechatPayConfig(this, parsedKey, keys);
        }

        private static <T> T parse(List<Violation> violations, java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (ConfigurationException e) {
                for (Violation v : e.violations()) {
                    if (!violations.contains(v)) {
                        violations.add(v);
                    }
                }
                if (e.violations().isEmpty()) {
                    violations.add(new Violation(WechatPayWire.PROVIDER, "config", e.getMessage()));
                }
                return null;
            }
        }
    }
}
