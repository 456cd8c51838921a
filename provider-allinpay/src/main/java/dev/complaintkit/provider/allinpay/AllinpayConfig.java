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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of the Allinpay (通联支付 收银宝) provider. Build with {@link #builder()} or map properties
 * with {@link #fromProperties(Map)} (keys {@code allinpay.<setting>}); both are read by one
 * {@link Settings} view, so a builder value and a property are checked alike:
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
 * <p>Building checks every setting and parses both keys once; every problem is reported together
 * in a {@link dev.complaintkit.error.ConfigurationException} naming the setting and never the key
 * text. {@link #toString()} and {@link #describe()} never show the private key.
 */
public final class AllinpayConfig implements ProviderConfig {
    /** Base URL of Allinpay's production service. */
    public static final String PRODUCTION = "https://cus.allinpay.com/cusapi";
    /** Base URL of Allinpay's test service (测试环境). */
    public static final String SANDBOX = "https://syb-test.allinpay.com/vsppcusapi";
    /** The interface version of history and detail when none is set (their interface pages' default). */
    public static final String DEFAULT_VERSION = "12";
    /** The interface version of the complaint list when none is set (its interface page's default). */
    public static final String DEFAULT_LIST_VERSION = "11";
    /** The version of reply, complete, refund decision and images when none is set (both public clients send it). */
    public static final String DEFAULT_ACTION_VERSION = "11";
    /** The largest list page by default: Allinpay's list page recommends at most 20 (建议不超过20). */
    public static final int DEFAULT_LIST_PAGE_LIMIT = 20;
    /** The largest image uploaded by default: WeChat Pay's 2 MB, which Allinpay passes images on to. */
    public static final int DEFAULT_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

    static final String ENDPOINT = "endpoint";
    static final String APPID = "appid";
    static final String CUSID = "cusid";
    static final String ORGID = "orgid";
    static final String SIGN_TYPE = "sign-type";
    static final String PRIVATE_KEY = "private-key";
    static final String PLATFORM_PUBLIC_KEY = "platform-public-key";
    static final String VERSION = "version";
    static final String LIST_VERSION = "list-version";
    static final String ACTION_VERSION = "action-version";
    static final String GROUP_ALL = "group-all";
    static final String SUCCESS_WITH_RETMSG = "success-with-retmsg";
    static final String LIST_PAGE_LIMIT = "list-page-limit";
    static final String UPLOAD_MAX_BYTES = "upload-max-bytes";
    private static final Map<String, URI> PRESETS = Map.of("production", URI.create(PRODUCTION), "sandbox", URI.create(SANDBOX));

    /** How requests and answers are signed ({@code signtype}). */
    public enum SignType {
        /** {@code SHA1WithRSA} with RSA keys. */
        RSA,
        /** {@code SHA256WithRSA} with RSA keys (the list page names {@code RSA2}; its meaning comes from a third-party SDK). */
        RSA2,
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
    private final Versions versions;
    private final Options options;

    /**
     * How a write is read when Allinpay answers {@code SUCCESS} with a non-empty {@code retmsg} and no
     * data: the public clients disagree (one treats it as an error, one as success).
     */
    public enum SuccessWithRetmsg {
        /** The outcome is unknown: the client reads the complaint (history, detail) to see whether the write was made. */
        RECONCILE,
        /** An error: a {@code ProviderException} with code {@code SUCCESS} and the {@code retmsg}, not retried. */
        ERROR,
        /** Success: the {@code retmsg} is informational. */
        SUCCESS
    }

    /** The interface versions sent: history and detail, the list, and the other calls. */
    private record Versions(String version, String list, String action) {}

    /** The choices where Allinpay's documentation is silent. */
    private record Options(boolean groupAll, SuccessWithRetmsg successWithRetmsg, int listPageLimit, int uploadMaxBytes) {}

    private AllinpayConfig(URI endpoint, String appid, String cusid, String orgid, SignType signType, Versions versions,
            PrivateKey privateKey, PublicKey platformPublicKey, Options options) {
        this.endpoint = endpoint;
        this.appid = appid;
        this.cusid = cusid;
        this.orgid = orgid;
        this.signType = signType;
        this.version = versions.version();
        this.versions = versions;
        this.privateKey = privateKey;
        this.platformPublicKey = platformPublicKey;
        this.options = options;
    }

    /** @return a builder with the production endpoint, sign type RSA and version 12 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Maps {@code allinpay.<setting>} properties: {@code endpoint} ({@code production},
     * {@code sandbox} or a base URL), {@code appid}, {@code cusid}, {@code orgid}, {@code sign-type}
     * ({@code RSA}/{@code RSA2}/{@code SM2}), {@code private-key}, {@code platform-public-key},
     * {@code version}, {@code list-version}, {@code action-version}, {@code group-all},
     * {@code success-with-retmsg}, {@code list-page-limit}, {@code upload-max-bytes}.
     * Other providers' keys are ignored; an unknown {@code allinpay.} key is a violation.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
     */
    public static AllinpayConfig fromProperties(Map<String, String> properties) {
        return read(Settings.of(AllinpayWire.PROVIDER, properties));
    }

    private static AllinpayConfig read(Settings s) {
        URI base = base(s);
        String appid = merchantId(s, APPID, true, 8, true);
        String cusid = merchantId(s, CUSID, true, 15, false);
        String orgid = merchantId(s, ORGID, false, 32, false);
        Versions versions = new Versions(version(s, VERSION, DEFAULT_VERSION), version(s, LIST_VERSION, DEFAULT_LIST_VERSION),
                version(s, ACTION_VERSION, DEFAULT_ACTION_VERSION));
        Options options = new Options(s.bool(GROUP_ALL, false),
                s.choice(SUCCESS_WITH_RETMSG, SuccessWithRetmsg.class, SuccessWithRetmsg.RECONCILE),
                s.integer(LIST_PAGE_LIMIT, DEFAULT_LIST_PAGE_LIMIT, 1, 100),
                s.integer(UPLOAD_MAX_BYTES, DEFAULT_UPLOAD_MAX_BYTES, 1, 10 * 1024 * 1024));
        SignType type = signType(s);
        PrivateKey priv = key(s, PRIVATE_KEY, type, t -> t == SignType.SM2 ? KeyParsing::sm2PrivateKey : KeyParsing::rsaPrivateKey);
        PublicKey pub = key(s, PLATFORM_PUBLIC_KEY, type, t -> t == SignType.SM2 ? KeyParsing::sm2PublicKey : KeyParsing::rsaPublicKey);
        return s.build(() -> s.violations().isEmpty()
                ? new AllinpayConfig(base, appid, cusid, orgid, type, versions, priv, pub, options) : null);
    }

    private static String version(Settings s, String setting, String defaultValue) {
        String v = s.string(setting, defaultValue);
        if (!v.matches("\\d{1,2}")) {
            s.fail(setting, "format", "must be one or two digits, e.g. " + defaultValue + " (" + ConfigCheck.echo(v) + ")");
        }
        return v;
    }

    /** A preset or a base URL without query or fragment; a URL ending in the history path is trimmed to its base. */
    private static URI base(Settings s) {
        int before = s.violations().size();
        URI uri = s.baseUrl(ENDPOINT, PRESETS, URI.create(PRODUCTION));
        if (s.violations().size() > before) {
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // the query may hold a token: it is not echoed
            s.fail(ENDPOINT, "base-url", "must be a base URL without query or fragment");
            return null;
        }
        String text = uri.toString().replaceAll("/+$", "");
        return URI.create(text.endsWith(AllinpayWire.HISTORY_PATH) ? text.substring(0, text.length() - AllinpayWire.HISTORY_PATH.length()) : text);
    }

    /**
     * Letters and digits only: the value is signed raw in a {@code k=v&k=v} string, where {@code &}
     * or {@code =} would stand for other fields.
     */
    private static String merchantId(Settings s, String setting, boolean required, int length, boolean exact) {
        String v = s.string(setting);
        if (v == null) {
            if (required) {
                s.fail(setting, "required", "is required");
            }
            return null;
        }
        if (exact && v.length() != length) {
            s.fail(setting, "length", "must be exactly " + length + " characters (was " + v.length() + ")");
        } else if (!exact && v.length() > length) {
            s.fail(setting, "max-length", "must be at most " + length + " characters (was " + v.length() + ")");
        }
        if (!v.matches("[0-9A-Za-z]*")) {
            s.fail(setting, "format", "must be letters and digits only");
        }
        return v;
    }

    /** @return the sign type, {@code RSA} when unset, {@code null} when invalid (then no key is parsed) */
    private static SignType signType(Settings s) {
        String v = s.string(SIGN_TYPE);
        if (v == null) {
            return SignType.RSA;
        }
        try {
            return SignType.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            s.fail(SIGN_TYPE, "one-of", "must be one of RSA, RSA2, SM2 (" + ConfigCheck.echo(v) + ")");
            return null;
        }
    }

    private static <K> K key(Settings s, String setting, SignType type, Function<SignType, Function<String, K>> parser) {
        Secret text = s.secret(setting);
        if (text == null) {
            s.fail(setting, "required", "is required");
            return null;
        }
        if (type == null) {
            return null;
        }
        try {
            return parser.apply(type).apply(text.reveal());
        } catch (IllegalArgumentException e) {
            s.fail(setting, "key", e.getMessage() + " (sign-type " + type + ")");
            return null;
        }
    }

    @Override
    public String providerId() {
        return AllinpayWire.PROVIDER;
    }

    /** @return the base URL; requests go to {@code <base>/riskfeeback/<interface>} */
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

    /** @return the interface version of the complaint list ({@code list-version}) */
    public String listVersion() {
        return versions.list();
    }

    /** @return the interface version of reply, complete, refund decision and images ({@code action-version}) */
    public String actionVersion() {
        return versions.action();
    }

    /** @return whether the list sends {@code groupall=1} (group merchants: every sub-merchant's complaints) */
    public boolean groupAll() {
        return options.groupAll();
    }

    /** @return how a write's {@code SUCCESS} with a {@code retmsg} is read */
    public SuccessWithRetmsg successWithRetmsg() {
        return options.successWithRetmsg();
    }

    /** @return the largest list page accepted before sending */
    public int listPageLimit() {
        return options.listPageLimit();
    }

    /** @return the largest image accepted for upload before sending */
    public int uploadMaxBytes() {
        return options.uploadMaxBytes();
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
        d.put(p + PLATFORM_PUBLIC_KEY, fingerprint(platformPublicKey.getEncoded()));
        d.put(p + VERSION, version);
        d.put(p + LIST_VERSION, versions.list());
        d.put(p + ACTION_VERSION, versions.action());
        d.put(p + GROUP_ALL, Boolean.toString(options.groupAll()));
        d.put(p + SUCCESS_WITH_RETMSG, options.successWithRetmsg().name());
        d.put(p + LIST_PAGE_LIMIT, Integer.toString(options.listPageLimit()));
        d.put(p + UPLOAD_MAX_BYTES, Integer.toString(options.uploadMaxBytes()));
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
                + ", privateKey=<redacted>, platformPublicKey=" + fingerprint(platformPublicKey.getEncoded()) + "]";
    }

    /**
     * Builds an {@link AllinpayConfig}. Each setter records the value of one setting, exactly as the
     * property of that name would; {@link #build()} reads them all with the same checks as
     * {@link AllinpayConfig#fromProperties(Map)}. A {@code null} clears a setting.
     */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        private Builder set(String setting, String value) {
            String key = AllinpayWire.PROVIDER + "." + setting;
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        /**
         * @param endpoint {@code production}, {@code sandbox}, or any base URL (HTTPS; plain HTTP only to
         *     loopback), e.g. {@code https://cus.allinpay.com/cusapi}; a URL that already ends in
         *     {@code /riskfeeback/wxcomplainthistory} is accepted and trimmed to its base
         * @return this
         */
        public Builder endpoint(String endpoint) {
            return set(ENDPOINT, endpoint);
        }

        /** @param endpoint the base URL @return this */
        public Builder endpoint(URI endpoint) {
            return set(ENDPOINT, Objects.requireNonNull(endpoint, "endpoint").toString());
        }

        /** @return this, using {@value AllinpayConfig#PRODUCTION} */
        public Builder production() {
            return set(ENDPOINT, PRODUCTION);
        }

        /** @return this, using Allinpay's test service {@value AllinpayConfig#SANDBOX} */
        public Builder sandbox() {
            return set(ENDPOINT, SANDBOX);
        }

        /** @param appid the application id Allinpay assigned (8 characters) @return this */
        public Builder appid(String appid) {
            return set(APPID, appid);
        }

        /** @param cusid the merchant number (at most 15 characters) @return this */
        public Builder cusid(String cusid) {
            return set(CUSID, cusid);
        }

        /** @param orgid the organisation number, for group merchants and agents only @return this */
        public Builder orgid(String orgid) {
            return set(ORGID, orgid);
        }

        /** @param signType RSA (default) or SM2 @return this */
        public Builder signType(SignType signType) {
            return set(SIGN_TYPE, Objects.requireNonNull(signType, "signType").name());
        }

        /** @param signType {@code RSA}, {@code RSA2} or {@code SM2}, any case @return this */
        public Builder signType(String signType) {
            return set(SIGN_TYPE, signType);
        }

        /**
         * @param pkcs8 the merchant's private key: Base64 of PKCS#8 DER, or PEM
         *     ({@code -----BEGIN PRIVATE KEY-----}); RSA for sign type RSA, SM2 for SM2
         * @return this
         */
        public Builder privateKey(String pkcs8) {
            return set(PRIVATE_KEY, pkcs8);
        }

        /** @param pkcs8 the merchant's private key as a {@link Secret} @return this */
        public Builder privateKey(Secret pkcs8) {
            return set(PRIVATE_KEY, pkcs8 == null ? null : pkcs8.reveal());
        }

        /**
         * @param x509 Allinpay's platform public key (通联平台公钥): Base64 of X.509 DER, or PEM; of the
         *     sign type's algorithm
         * @return this
         */
        public Builder platformPublicKey(String x509) {
            return set(PLATFORM_PUBLIC_KEY, x509);
        }

        /** @param version the interface version of history and detail (default {@value AllinpayConfig#DEFAULT_VERSION}) @return this */
        public Builder version(String version) {
            return set(VERSION, version);
        }

        /** @param version the list's interface version (default {@value AllinpayConfig#DEFAULT_LIST_VERSION}) @return this */
        public Builder listVersion(String version) {
            return set(LIST_VERSION, version);
        }

        /**
         * @param version the version of reply, complete, refund decision and images (default
         *     {@value AllinpayConfig#DEFAULT_ACTION_VERSION})
         * @return this
         */
        public Builder actionVersion(String version) {
            return set(ACTION_VERSION, version);
        }

        /** @param groupAll whether the list sends {@code groupall=1}, for group merchants (default false) @return this */
        public Builder groupAll(boolean groupAll) {
            return set(GROUP_ALL, Boolean.toString(groupAll));
        }

        /** @param policy how a write's {@code SUCCESS} with a {@code retmsg} is read (default RECONCILE) @return this */
        public Builder successWithRetmsg(SuccessWithRetmsg policy) {
            return set(SUCCESS_WITH_RETMSG, Objects.requireNonNull(policy, "policy").name());
        }

        /** @param limit the largest list page, 1 to 100 (default {@value AllinpayConfig#DEFAULT_LIST_PAGE_LIMIT}) @return this */
        public Builder listPageLimit(int limit) {
            return set(LIST_PAGE_LIMIT, Integer.toString(limit));
        }

        /** @param bytes the largest image to upload (default {@value AllinpayConfig#DEFAULT_UPLOAD_MAX_BYTES}) @return this */
        public Builder uploadMaxBytes(int bytes) {
            return set(UPLOAD_MAX_BYTES, Integer.toString(bytes));
        }

        /**
         * @return the configuration, keys parsed
         * @throws dev.complaintkit.error.ConfigurationException listing every bad or missing setting
         */
        public AllinpayConfig build() {
            return read(Settings.of(AllinpayWire.PROVIDER, values));
        }

        /** @return the settings given, never their values (a key may be among them) */
        @Override
        public String toString() {
            return "AllinpayConfig.Builder" + values.keySet();
        }
    }
}
