/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import dev.complaintkit.Secret;
import dev.complaintkit.provider.allinpay.internal.AllinpayWire;
import dev.complaintkit.provider.allinpay.internal.KeyParsing;
import dev.complaintkit.spi.ConfigCheck;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.Settings;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Settings of the Allinpay (通联支付 收银宝) provider. Build with {@link #builder()} or map properties
 * with {@link #fromProperties(Map)} (keys {@code allinpay.<setting>}):
 *
 * <pre>{@code
 * AllinpayConfig config = AllinpayConfig.builder()
 *         .sandbox()                                   // or .production() (the default), or .endpoint(url)
 *         .appid("00000156").cusid("990581007426001")
 *         .signType(AllinpayConfig.SignType.SM2)
 *         .privateKey(merchantPkcs8Base64)             // Base64 PKCS#8, or PEM
 *         .platformPublicKey(allinpayX509Base64)       // Base64 X.509, or PEM
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every setting and parses both keys once; every problem is
 * reported together in a {@link dev.complaintkit.error.ConfigurationException} naming the setting
 * and never the key text. {@link #toString()} and {@link #describe()} never show the private key.
 */
public final class AllinpayConfig implements ProviderConfig {
    /** Base URL of Allinpay's production service. */
    public static final String PRODUCTION = "https://cus.allinpay.com/cusapi";
    /** Base URL of Allinpay's test service (测试环境). */
    public static final String SANDBOX = "https://syb-test.allinpay.com/vsppcusapi";
    /** The interface version sent when none is set. */
    public static final String DEFAULT_VERSION = "12";

    static final String ENDPOINT = "endpoint";
    static final String APPID = "appid";
    static final String CUSID = "cusid";
    static final String ORGID = "orgid";
    static final String SIGN_TYPE = "sign-type";
    static final String PRIVATE_KEY = "private-key";
    static final String PLATFORM_PUBLIC_KEY = "platform-public-key";
    static final String VERSION = "version";

    /** How requests and answers are signed ({@code signtype}). */
    public enum SignType {
        /** {@code SHA1WithRSA} with RSA keys. */
        RSA,
        /** {@code SM3withSM2} with SM2 keys (sm2p256v1). */
        SM2
    }

    private final URI endpoint;
    private final String appid;
    private final String cusid;
    private final String orgid;
    private final SignType signType;
    private final String version;
    private final PrivateKey privateKey;
    private final PublicKey platformPublicKey;
    private final String platformKeyFingerprint;

    private AllinpayConfig(Builder b, URI endpoint, String orgid, SignType signType, String version, PrivateKey privateKey,
            PublicKey platformPublicKey) {
        this.endpoint = endpoint;
        this.appid = b.appid.trim();
        this.cusid = b.cusid.trim();
        this.orgid = orgid;
        this.signType = signType;
        this.version = version;
        this.privateKey = privateKey;
        this.platformPublicKey = platformPublicKey;
        this.platformKeyFingerprint = fingerprint(platformPublicKey.getEncoded());
    }

    /** @return a builder with the production endpoint, sign type RSA and version 12 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Maps {@code allinpay.<setting>} properties: {@code endpoint} ({@code production},
     * {@code sandbox} or a base URL), {@code appid}, {@code cusid}, {@code orgid}, {@code sign-type}
     * ({@code RSA}/{@code SM2}), {@code private-key}, {@code platform-public-key}, {@code version}.
     * Other providers' keys are ignored; an unknown {@code allinpay.} key is a violation.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
     */
    public static AllinpayConfig fromProperties(Map<String, String> properties) {
        Settings s = Settings.of(AllinpayWire.PROVIDER, properties);
        Builder b = builder().endpoint(s.string(ENDPOINT, PRODUCTION)).appid(s.string(APPID)).cusid(s.string(CUSID))
                .orgid(s.string(ORGID)).signType(s.string(SIGN_TYPE)).privateKey(s.secret(PRIVATE_KEY))
                .platformPublicKey(s.string(PLATFORM_PUBLIC_KEY)).version(s.string(VERSION));
        return s.build(b::build);
    }

    @Override
    public String providerId() {
        return AllinpayWire.PROVIDER;
    }

    /** @return the base URL; requests go to {@code <base>/riskfeeback/wxcomplainthistory} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the application id ({@code appid}) */
    public String appid() {
        return appid;
    }

    /** @return the merchant number ({@code cusid}) */
    public String cusid() {
        return cusid;
    }

    /** @return the group / agent organisation number ({@code orgid}), sent only when present */
    public Optional<String> orgid() {
        return Optional.ofNullable(orgid);
    }

    /** @return how requests and answers are signed */
    public SignType signType() {
        return signType;
    }

    /** @return the interface version sent ({@code version}) */
    public String version() {
        return version;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    PublicKey platformPublicKey() {
        return platformPublicKey;
    }

    /**
     * @return the settings as {@code allinpay.<setting>} keys; the private key is {@code <redacted>},
     *     the platform public key shown as a SHA-256 fingerprint
     */
    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        String p = AllinpayWire.PROVIDER + ".";
        d.put(p + ENDPOINT, endpoint.toString());
        d.put(p + APPID, appid);
        d.put(p + CUSID, cusid);
        orgid().ifPresent(o -> d.put(p + ORGID, o));
        d.put(p + SIGN_TYPE, signType.name());
        d.put(p + PRIVATE_KEY, "<redacted>");
        d.put(p + PLATFORM_PUBLIC_KEY, platformKeyFingerprint);
        d.put(p + VERSION, version);
        return d;
    }

    private static String fingerprint(byte[] encoded) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AllinpayConfig[endpoint=" + endpoint + ", appid=" + appid + ", cusid=" + cusid
                + (orgid == null ? "" : ", orgid=" + orgid) + ", signType=" + signType + ", version=" + version
                + ", privateKey=<redacted>, platformPublicKey=" + platformKeyFingerprint + "]";
    }

    /** Builds an {@link AllinpayConfig}; {@link #build()} checks everything at once. */
    public static final class Builder {
        private String endpoint = PRODUCTION;
        private String appid;
        private String cusid;
        private String orgid;
        private String signType;
        private Secret privateKey;
        private String platformPublicKey;
        private String version = DEFAULT_VERSION;

        private Builder() {}

        /**
         * @param endpoint {@code production}, {@code sandbox}, or any base URL (HTTPS; plain HTTP only to
         *     loopback), e.g. {@code https://cus.allinpay.com/cusapi}; a URL that already ends in
         *     {@code /riskfeeback/wxcomplainthistory} is accepted and trimmed to its base
         * @return this
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param endpoint the base URL
         * @return this
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint").toString();
            return this;
        }

        /** @return this, using {@value AllinpayConfig#PRODUCTION} */
        public Builder production() {
            this.endpoint = PRODUCTION;
            return this;
        }

        /** @return this, using Allinpay's test service {@value AllinpayConfig#SANDBOX} */
        public Builder sandbox() {
            this.endpoint = SANDBOX;
            return this;
        }

        /**
         * @param appid the application id Allinpay assigned (8 characters)
         * @return this
         */
        public Builder appid(String appid) {
            this.appid = appid;
            return this;
        }

        /**
         * @param cusid the merchant number (at most 15 characters)
         * @return this
         */
        public Builder cusid(String cusid) {
            this.cusid = cusid;
            return this;
        }

        /**
         * @param orgid the organisation number, for group merchants and agents only
         * @return this
         */
        public Builder orgid(String orgid) {
            this.orgid = orgid;
            return this;
        }

        /**
         * @param signType RSA (default) or SM2
         * @return this
         */
        public Builder signType(SignType signType) {
            this.signType = Objects.requireNonNull(signType, "signType").name();
            return this;
        }

        /**
         * @param signType {@code RSA} or {@code SM2}, any case
         * @return this
         */
        public Builder signType(String signType) {
            this.signType = signType;
            return this;
        }

        /**
         * @param pkcs8 the merchant's private key: Base64 of PKCS#8 DER, or PEM
         *     ({@code -----BEGIN PRIVATE KEY-----}); RSA for sign type RSA, SM2 for SM2
         * @return this
         */
        public Builder privateKey(String pkcs8) {
            this.privateKey = pkcs8 == null ? null : Secret.of(pkcs8);
            return this;
        }

        /**
         * @param pkcs8 the merchant's private key as a {@link Secret}
         * @return this
         */
        public Builder privateKey(Secret pkcs8) {
            this.privateKey = pkcs8;
            return this;
        }

        /**
         * @param x509 Allinpay's platform public key (通联平台公钥): Base64 of X.509 DER, or PEM; of the
         *     sign type's algorithm
         * @return this
         */
        public Builder platformPublicKey(String x509) {
            this.platformPublicKey = x509;
            return this;
        }

        /**
         * @param version the interface version (default {@value AllinpayConfig#DEFAULT_VERSION})
         * @return this
         */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * @return the configuration, keys parsed
         * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
         */
        public AllinpayConfig build() {
            ConfigCheck check = new ConfigCheck(AllinpayWire.PROVIDER);
            URI base = base(check);
            if (check.required(APPID, appid)) {
                check.exactLength(APPID, appid.trim(), 8);
                lettersAndDigits(check, APPID, appid.trim());
            }
            if (check.required(CUSID, cusid)) {
                check.maxLength(CUSID, cusid.trim(), 15);
                lettersAndDigits(check, CUSID, cusid.trim());
            }
            String org = orgid == null || orgid.isBlank() ? null : orgid.trim();
            if (org != null) {
                check.maxLength(ORGID, org, 32);
                lettersAndDigits(check, ORGID, org);
            }
            String ver = version == null || version.isBlank() ? DEFAULT_VERSION : version.trim();
            if (!ver.matches("\\d{1,2}")) {
                check.fail(VERSION, "format", "must be one or two digits, e.g. 12 (" + ConfigCheck.echo(ver) + ")");
            }
            SignType type = signType == null || signType.isBlank() ? SignType.RSA // null when invalid: keys are not parsed
                    : check.choice(SIGN_TYPE, signType, SignType::valueOf, null, "RSA, SM2");
            PrivateKey priv = null;
            PublicKey pub = null;
            if (check.required(PRIVATE_KEY, privateKey) && type != null) {
                priv = parse(check, PRIVATE_KEY, type, () -> type == SignType.RSA
                        ? KeyParsing.rsaPrivateKey(privateKey.reveal()) : KeyParsing.sm2PrivateKey(privateKey.reveal()));
            }
            if (check.required(PLATFORM_PUBLIC_KEY, platformPublicKey) && type != null) {
                pub = parse(check, PLATFORM_PUBLIC_KEY, type, () -> type == SignType.RSA
                        ? KeyParsing.rsaPublicKey(platformPublicKey) : KeyParsing.sm2PublicKey(platformPublicKey));
            }
            check.throwIfAny();
            return new AllinpayConfig(this, base, org, type, ver, priv, pub);
        }

        /**
         * Letters and digits only: the value is signed raw in a {@code k=v&k=v} string, where
         * {@code &} or {@code =} would stand for other fields.
         */
        private static void lettersAndDigits(ConfigCheck check, String setting, String value) {
            if (!value.matches("[0-9A-Za-z]*")) {
                check.fail(setting, "format", "must be letters and digits only");
            }
        }

        private URI base(ConfigCheck check) {
            String text = endpoint == null ? null : endpoint.trim();
            URI uri = check.endpoint(ENDPOINT, "production".equalsIgnoreCase(text) ? PRODUCTION
                    : "sandbox".equalsIgnoreCase(text) ? SANDBOX : text);
            if (uri == null) {
                return null;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                // the query may hold a token: it is not echoed
                check.fail(ENDPOINT, "base-url", "must be a base URL without query or fragment");
                return null;
            }
            String s = uri.toString().replaceAll("/+$", "");
            return URI.create(s.endsWith(AllinpayWire.HISTORY_PATH) ? s.substring(0, s.length() - AllinpayWire.HISTORY_PATH.length()) : s);
        }

        private static <T> T parse(ConfigCheck check, String setting, SignType type, Supplier<T> call) {
            try {
                return call.get();
            } catch (IllegalArgumentException e) {
                check.fail(setting, "key", e.getMessage() + " (sign-type " + type + ")");
                return null;
            }
        }
    }
}
