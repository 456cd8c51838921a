/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * WeChat Pay APIv3's server side of the cryptography, written on Bouncy Castle's lightweight API — on
 * purpose not the JCA path the provider module takes: an independent implementation is what catches a
 * symmetric bug. It checks a request's {@code Authorization} header ({@code SHA256withRSA} over
 * {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n} under the merchant's public key, the five items in any
 * order, the timestamp within 5 minutes), signs answers and notifications with the platform key
 * ({@code TIMESTAMP\nNONCE\nBODY\n}), encrypts notification resources (AES-256-GCM under the APIv3 key)
 * and encrypts sensitive fields for the merchant (RSA-OAEP, SHA-1, MGF1-SHA-1). Thread-safe.
 *
 * <pre>{@code
 * WechatPayServerCrypto server = WechatPayServerCrypto.forTestMerchant();
 * Optional<String> problem = server.checkAuthorization(authorization, "GET", "/v3/…?limit=10", new byte[0], now);
 * Map<String, String> headers = server.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, now, nonce, body);
 * }</pre>
 */
public final class WechatPayServerCrypto {
    /** The {@code Authorization} scheme and {@code Wechatpay-Signature-Type}. */
    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    /** How far a request timestamp may be from the server clock, in seconds. */
    public static final long WINDOW_SECONDS = 300;

    private static final Pattern ITEM = Pattern.compile("\\s*([a-z_]+)=\"([^\"]*)\"\\s*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mchid;
    private final String merchantSerial;
    private final AsymmetricKeyParameter merchantPublic;
    private final AsymmetricKeyParameter platformPrivate;
    private final byte[] apiV3Key;

    /**
     * @param mchid the merchant id requests must carry
     * @param merchantSerial the merchant API certificate serial requests must carry in {@code serial_no}
     * @param merchantPublicKey the merchant's public key, PEM or Base64 X.509
     * @param platformPrivateKey the platform private key answers are signed with, PEM or Base64 PKCS#8
     * @param apiV3Key the merchant's APIv3 key, 32 ASCII characters
     */
    public WechatPayServerCrypto(String mchid, String merchantSerial, String merchantPublicKey, String platformPrivateKey,
            String apiV3Key) {
        this.mchid = Objects.requireNonNull(mchid, "mchid");
        this.merchantSerial = Objects.requireNonNull(merchantSerial, "merchantSerial");
        this.merchantPublic = rsa(merchantPublicKey, false);
        this.platformPrivate = rsa(platformPrivateKey, true);
        this.apiV3Key = apiV3Key.getBytes(StandardCharsets.US_ASCII);
        if (this.apiV3Key.length != 32) {
            throw new IllegalArgumentException("the APIv3 key must be 32 ASCII characters");
        }
    }

    /** @return the server side for {@link WechatPayTestKeys}' merchant and platform */
    public static WechatPayServerCrypto forTestMerchant() {
        return new WechatPayServerCrypto(WechatPayTestKeys.MCHID, WechatPayTestKeys.MERCHANT_SERIAL,
                WechatPayTestKeys.merchantPublicKey(), WechatPayTestKeys.platformPrivateKey(), WechatPayTestKeys.API_V3_KEY);
    }

    /**
     * The five items of an {@code Authorization} header.
     *
     * @param mchid {@code mchid}
     * @param nonce {@code nonce_str}
     * @param timestamp {@code timestamp}
     * @param serialNo {@code serial_no}
     * @param signature {@code signature}
     */
    public record Authorization(String mchid, String nonce, String timestamp, String serialNo, String signature) {
        /**
         * @param header the header value
         * @return its items, in whatever order they were sent
         * @throws IllegalArgumentException naming what is wrong (scheme, a missing, repeated or unknown item)
         */
        public static Authorization parse(String header) {
            if (header == null || !header.startsWith(SCHEMA + " ")) {
                throw new IllegalArgumentException("the Authorization scheme is not " + SCHEMA);
            }
            Map<String, String> items = new LinkedHashMap<>();
            for (String part : header.substring(SCHEMA.length() + 1).split(",", -1)) {
                Matcher m = ITEM.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException("the Authorization item '" + part.trim() + "' is not name=\"value\"");
                }
                if (items.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("the Authorization item " + m.group(1) + " is repeated");
                }
            }
            for (String required : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
                if (!items.containsKey(required) || items.get(required).isEmpty()) {
                    throw new IllegalArgumentException("the Authorization item " + required + " is missing");
                }
            }
            if (items.size() != 5) {
                throw new IllegalArgumentException("the Authorization header has items beyond the five of " + SCHEMA);
            }
            return new Authorization(items.get("mchid"), items.get("nonce_str"), items.get("timestamp"),
                    items.get("serial_no"), items.get("signature"));
        }
    }

    /**
     * Checks a request as WeChat Pay does before answering 401 {@code SIGN_ERROR}.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param method the request method
     * @param rawPathAndQuery the raw path and query as received
     * @param body the body bytes as received
     * @param nowSeconds the server's clock, Unix seconds
     * @return what is wrong, or empty when the request is signed by the merchant now
     */
    public Optional<String> checkAuthorization(String authorization, String method, String rawPathAndQuery, byte[] body,
            long nowSeconds) {
        Authorization a;
        try {
            a = Authorization.parse(authorization);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!mchid.equals(a.mchid())) {
            return Optional.of("mchid " + a.mchid() + " is not the merchant " + mchid);
        }
        if (!merchantSerial.equalsIgnoreCase(a.serialNo())) {
            return Optional.of("serial_no " + a.serialNo() + " is not the merchant certificate " + merchantSerial);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(a.timestamp());
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not Unix seconds");
        }
        if (Math.abs(nowSeconds - timestamp) > WINDOW_SECONDS) {
            return Optional.of("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟");
        }
        byte[] message = concat((method + "\n" + rawPathAndQuery + "\n" + a.timestamp() + "\n" + a.nonce() + "\n")
                .getBytes(StandardCharsets.UTF_8), body);
        return verify(merchantPublic, message, a.signature()) ? Optional.empty() : Optional.of("错误的签名,验签失败");
    }

    /**
     * @param timestamp {@code Wechatpay-Timestamp}
     * @param nonce {@code Wechatpay-Nonce}
     * @param body the answer body as sent, empty for a 204
     * @return the Base64 {@code Wechatpay-Signature} under the platform key
     */
    public String signAnswer(String timestamp, String nonce, byte[] body) {
        byte[] message = concat((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8), body);
        RSADigestSigner s = new RSADigestSigner(SHA256Digest.newInstance());
        s.init(true, platformPrivate);
        s.update(message, 0, message.length);
        try {
            return Base64.getEncoder().encodeToString(s.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * @param serial the {@code Wechatpay-Serial} to send: a {@code PUB_KEY_ID_…} or a certificate serial
     * @param timestamp Unix seconds
     * @param nonce the nonce
     * @param body the body as sent, empty for a 204
     * @return the five {@code Wechatpay-*} headers of a signed answer or notification
     */
    public Map<String, String> signedHeaders(String serial, long timestamp, String nonce, byte[] body) {
        String ts = Long.toString(timestamp);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", ts);
        h.put("Wechatpay-Nonce", nonce);
        h.put("Wechatpay-Signature", signAnswer(ts, nonce, body));
        h.put("Wechatpay-Serial", serial);
        h.put("Wechatpay-Signature-Type", SCHEMA);
        return h;
    }

    /**
     * @param nonce the resource's {@code nonce} (12 characters)
     * @param associatedData the resource's {@code associated_data}, possibly empty
     * @param plaintext what to encrypt
     * @return the resource's {@code ciphertext}: Base64 of AES-256-GCM ciphertext ‖ 16-byte tag under the APIv3 key
     */
    public String encryptResource(String nonce, String associatedData, byte[] plaintext) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(apiV3Key), 128, nonce.getBytes(StandardCharsets.UTF_8),
                associatedData.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption failed", e);
        }
        return Base64.getEncoder().encodeToString(out);
    }

    /**
     * @param id the notification id (the same on every delivery of one notification)
     * @param createTime {@code create_time}, RFC 3339
     * @param eventType {@code COMPLAINT.CREATE} or {@code COMPLAINT.STATE_CHANGE}
     * @param summary {@code summary}
     * @param nonce the resource's nonce (12 characters)
     * @param complaintId the complaint
     * @param actionType the action type
     * @return a complaint notification body (compact JSON, UTF-8), its resource encrypted under the APIv3 key
     */
    public byte[] complaintNotification(String id, String createTime, String eventType, String summary, String nonce,
            String complaintId, String actionType) {
        String plaintext = "{\"complaint_id\":" + quote(complaintId) + ",\"action_type\":" + quote(actionType) + "}";
        String ciphertext = encryptResource(nonce, "complaint", plaintext.getBytes(StandardCharsets.UTF_8));
        return ("{\"id\":" + quote(id) + ",\"create_time\":" + quote(createTime) + ",\"resource_type\":\"encrypt-resource\""
                + ",\"event_type\":" + quote(eventType) + ",\"summary\":" + quote(summary)
                + ",\"resource\":{\"original_type\":\"complaint\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":"
                + quote(ciphertext) + ",\"associated_data\":\"complaint\",\"nonce\":" + quote(nonce) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param plaintext a sensitive value such as a payer's phone number
     * @return Base64 RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) under the merchant's public key, as in {@code payer_phone}
     */
    public String encryptForMerchant(String plaintext) {
        OAEPEncoding oaep = new OAEPEncoding(new RSAEngine(), new SHA1Digest(), new SHA1Digest(), null);
        oaep.init(true, new ParametersWithRandom(merchantPublic, RANDOM));
        byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getEncoder().encodeToString(oaep.processBlock(data, 0, data.length));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static boolean verify(AsymmetricKeyParameter key, byte[] message, String signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            RSADigestSigner s = new RSADigestSigner(SHA256Digest.newInstance());
            s.init(false, key);
            s.update(message, 0, message.length);
            return s.verifySignature(sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static AsymmetricKeyParameter rsa(String text, boolean privateKey) {
        byte[] der = Base64.getDecoder().decode(text.replaceAll("-----[^-]+-----", "").replaceAll("\\s", ""));
        AsymmetricKeyParameter key;
        try {
            key = privateKey ? PrivateKeyFactory.createKey(der) : PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(privateKey ? "not a PKCS#8 private key" : "not an X.509 public key");
        }
        if (!(key instanceof RSAKeyParameters) || key.isPrivate() != privateKey) {
            throw new IllegalArgumentException("not an RSA " + (privateKey ? "private" : "public") + " key");
        }
        return key;
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        if (body != null) {
            out.writeBytes(body);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** @return the merchant it serves, never a key */
    @Override
    public String toString() {
        return "WechatPayServerCrypto[mchid=" + mchid + ", serial_no=" + merchantSerial + "]";
    }
}
