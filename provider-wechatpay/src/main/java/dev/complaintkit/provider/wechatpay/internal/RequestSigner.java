/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.ConfigurationException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Signs APIv3 requests: the message {@code METHOD\nCANONICAL-URL\nTIMESTAMP\nNONCE\nBODY\n} (the
 * canonical URL is the raw path plus {@code ?} and the raw query, exactly as sent; the body the bytes
 * sent, empty for GET and DELETE, the {@code meta} JSON for an image upload), {@code SHA256withRSA}
 * (PKCS#1 v1.5) under the merchant API private key, Base64, in the header
 * {@code WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"}.
 *
 * <p>The key is parsed once; a {@link Signature} is made per call, so instances are thread-safe.
 * The clock and the nonce source are injectable for tests. {@link #toString()} shows no key.
 */
public final class RequestSigner {
    private static final Pattern MCHID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern NONCE = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final String mchid;
    private final String merchantSerial;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * Signs with the system clock and {@link Nonces}.
     *
     * @param mchid the merchant id ({@code wechatpay.mchid}), digits
     * @param merchantSerial the merchant API certificate's serial ({@code wechatpay.merchant-serial}), hex
     * @param privateKey the merchant API private key (see {@link KeyParsing#privateKey})
     * @throws ConfigurationException when the id or the serial is malformed
     */
    public RequestSigner(String mchid, String merchantSerial, PrivateKey privateKey) {
        this(mchid, merchantSerial, privateKey, Clock.systemUTC(), new Nonces());
    }

    /**
     * @param mchid the merchant id ({@code wechatpay.mchid}), digits
     * @param merchantSerial the merchant API certificate's serial ({@code wechatpay.merchant-serial}), hex
     * @param privateKey the merchant API private key
     * @param clock the source of the timestamp (whole Unix seconds)
     * @param nonces the source of nonces; each must be 1–64 characters of {@code 0-9A-Za-z}
     * @throws ConfigurationException when the id or the serial is malformed
     */
    public RequestSigner(String mchid, String merchantSerial, PrivateKey privateKey, Clock clock, Supplier<String> nonces) {
        if (mchid == null || !MCHID.matcher(mchid).matches()) {
            throw KeyParsing.bad(WechatPayWire.SETTING_MCHID, "format", "must be the merchant id, 1 to 32 digits");
        }
        if (merchantSerial == null || !SERIAL.matcher(merchantSerial).matches()) {
            throw KeyParsing.bad(WechatPayWire.SETTING_MERCHANT_SERIAL, "format",
                    "must be the merchant API certificate's serial number in hex (as the merchant portal shows it)");
        }
        this.mchid = mchid;
        this.merchantSerial = merchantSerial;
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /**
     * @param uri the request URI
     * @return its canonical URL: the raw (encoded) path, plus {@code ?} and the raw query when there is one
     */
    public static String canonicalUrl(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String base = path == null || path.isEmpty() ? "/" : path;
        return query == null ? base : base + "?" + query;
    }

    /**
     * @param method the HTTP method, upper case
     * @param canonicalUrl the raw path and query, starting with {@code /}
     * @param timestamp Unix seconds
     * @param nonce the nonce
     * @param body the body bytes as sent; {@code null} or empty for none
     * @return the message that is signed (UTF-8 for the text lines, the body as given)
     * @throws IllegalArgumentException when the method, the URL or the nonce would break the message's lines
     */
    public static byte[] message(String method, String canonicalUrl, long timestamp, String nonce, byte[] body) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("the HTTP method must be an upper-case token");
        }
        if (canonicalUrl == null || !canonicalUrl.startsWith("/") || hasLineBreakOrSpace(canonicalUrl)) {
            throw new IllegalArgumentException("the canonical URL must start with '/' and hold no space or line break");
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("the nonce must be 1 to 64 characters of 0-9A-Za-z");
        }
        return AnswerVerifier.lines(method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n", body);
    }

    /**
     * @param message the message to sign
     * @return the Base64 {@code SHA256withRSA} signature under the merchant key
     * @throws ConfigurationException when the key cannot sign (names {@code wechatpay.private-key})
     */
    public String sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(WechatPayWire.SIGNATURE_ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("[" + WechatPayWire.PROVIDER + "] the key in " + WechatPayWire.SETTING_PRIVATE_KEY
                    + " could not sign the request (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /**
     * @param method the HTTP method, upper case
     * @param uri the request URI (only its raw path and query are signed)
     * @param body the body bytes as sent; {@code null} or empty for none
     * @return the {@code Authorization} header value, with a fresh nonce and the current time
     */
    public String authorization(String method, URI uri, byte[] body) {
        return authorization(method, canonicalUrl(uri), body);
    }

    /**
     * @param method the HTTP method, upper case
     * @param canonicalUrl the raw path and query as sent, starting with {@code /}
     * @param body the body bytes as sent; {@code null} or empty for none
     * @return the {@code Authorization} header value, with a fresh nonce and the current time
     */
    public String authorization(String method, String canonicalUrl, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = nonces.get();
        String signature = sign(message(method, canonicalUrl, timestamp, nonce, body));
        return WechatPayWire.SCHEMA + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + merchantSerial + "\",signature=\"" + signature + "\"";
    }

    /** @return the merchant id the requests are signed for */
    public String mchid() {
        return mchid;
    }

    /** @return the merchant API certificate serial put in {@code serial_no} */
    public String merchantSerial() {
        return merchantSerial;
    }

    private static boolean hasLineBreakOrSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == ' ') {
                return true;
            }
        }
        return false;
    }

    /** @return the merchant id and serial, never the key */
    @Override
    public String toString() {
        return "RequestSigner[mchid=" + mchid + ", serial_no=" + merchantSerial + ", key=<redacted>]";
    }
}
