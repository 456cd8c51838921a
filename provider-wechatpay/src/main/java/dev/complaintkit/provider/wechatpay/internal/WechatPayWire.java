/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.ProviderException;

/** Names and constants of the WeChat Pay APIv3 wire protocol. */
public final class WechatPayWire {
    /** The provider id. */
    public static final String PROVIDER = "wechatpay";
    /** The scheme of the {@code Authorization} header and the only signature type verified. */
    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    /** The JCA name of the signature algorithm, both ways. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    /** The prefix of the deliberately wrong signatures WeChat Pay sends to test verification. */
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
    /** The prefix of a WeChat Pay public key id. */
    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

    /** Answer and notification header: Unix seconds. */
    public static final String HEADER_TIMESTAMP = "Wechatpay-Timestamp";
    /** Answer and notification header: the signer's random string. */
    public static final String HEADER_NONCE = "Wechatpay-Nonce";
    /** Answer and notification header: the Base64 signature. */
    public static final String HEADER_SIGNATURE = "Wechatpay-Signature";
    /** Answer and notification header (and request header): the key's serial or public key id. */
    public static final String HEADER_SERIAL = "Wechatpay-Serial";
    /** Answer and notification header, on newer answers: the signature type. */
    public static final String HEADER_SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    /** Every answer's request id, kept in errors. */
    public static final String HEADER_REQUEST_ID = "Request-ID";

    /** The setting holding the merchant id. */
    public static final String SETTING_MCHID = "wechatpay.mchid";
    /** The setting holding the merchant API certificate's serial. */
    public static final String SETTING_MERCHANT_SERIAL = "wechatpay.merchant-serial";
    /** The setting holding the merchant API private key. */
    public static final String SETTING_PRIVATE_KEY = "wechatpay.private-key";
    /** The setting holding the APIv3 key. */
    public static final String SETTING_API_V3_KEY = "wechatpay.api-v3-key";
    /** The setting holding the WeChat Pay public key id. */
    public static final String SETTING_PUBLIC_KEY_ID = "wechatpay.platform-public-key-id";
    /** The setting holding the WeChat Pay public key. */
    public static final String SETTING_PUBLIC_KEY = "wechatpay.platform-public-key";
    /** The setting holding the platform certificates. */
    public static final String SETTING_CERTIFICATES = "wechatpay.platform-certificates";

    /** The code of a {@link ProviderException} for an answer that is not in WeChat Pay's format. */
    public static final String INVALID_RESPONSE = ProviderException.INVALID_RESPONSE;

    private WechatPayWire() {}

    /**
     * @param what what is wrong with the answer
     * @return a non-retryable provider error with code {@value #INVALID_RESPONSE}
     */
    static ProviderException invalid(String what) {
        return new ProviderException(PROVIDER, INVALID_RESPONSE, what, false);
    }

    /**
     * @param value a header value received from the network, or {@code null}
     * @return the value made safe for an exception message: control characters replaced, at most 64 characters
     */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), 64) + 1);
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (value.length() > 64) {
            b.append('…');
        }
        return b.toString();
    }
}
