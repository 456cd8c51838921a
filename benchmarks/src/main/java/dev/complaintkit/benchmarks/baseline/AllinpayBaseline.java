/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A hand-written Allinpay {@code wxcomplainthistory} client, as a merchant would write it without
 * complaintkit: the fields, the sorted canonical string, an RSA ({@code SHA1withRSA}, JDK) or SM2
 * ({@code SM3withSM2}, Bouncy Castle, user id = {@code appid}, raw {@code r‖s} on the wire)
 * signature with keys parsed once, a form body, {@code HttpClient}, a Jackson tree parse of the
 * answer, verification of its signature over the sorted non-empty top-level fields (SM2 user id
 * {@code Allinpay}), and a Jackson tree parse of the Base64 {@code records}. Thread-safe.
 */
public final class AllinpayBaseline {
    /** The one Bouncy Castle provider instance of the baselines (not registered globally). */
    public static final Provider BC = new BouncyCastleProvider();
    /** Allinpay's SM2 user id for its answers. */
    public static final byte[] PLATFORM_USER_ID = "Allinpay".getBytes(StandardCharsets.US_ASCII);

    private static final String PATH = "/riskfeeback/wxcomplainthistory";

    private final HttpClient http;
    private final URI uri;
    private final String appid;
    private final String cusid;
    private final String signType;
    private final PrivateKey merchantKey;
    private final PublicKey platformKey;
    private final byte[] appidBytes;
    private final byte[] verifyUserId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param http the client to send with
     * @param base the endpoint base URL
     * @param appid the merchant's {@code appid}
     * @param cusid the merchant's {@code cusid}
     * @param signType {@code RSA} or {@code SM2}
     * @param merchantPrivateKey the merchant's PKCS#8 private key, Base64
     * @param platformPublicKey Allinpay's X.509 public key, Base64
     */
    public AllinpayBaseline(HttpClient http, URI base, String appid, String cusid, String signType,
            String merchantPrivateKey, String platformPublicKey) {
        this(http, base, appid, cusid, signType, merchantPrivateKey, platformPublicKey, PLATFORM_USER_ID);
    }

    /**
     * As the other constructor, with the SM2 user id answers are verified with (for tests that
     * verify the merchant's own signatures).
     *
     * @param http the client to send with
     * @param base the endpoint base URL
     * @param appid the merchant's {@code appid}, also the SM2 user id of its signatures
     * @param cusid the merchant's {@code cusid}
     * @param signType {@code RSA} or {@code SM2}
     * @param merchantPrivateKey the merchant's PKCS#8 private key, Base64
     * @param verifyPublicKey the X.509 public key signatures are verified with, Base64
     * @param verifyUserId the SM2 user id signatures are verified with
     */
    public AllinpayBaseline(HttpClient http, URI base, String appid, String cusid, String signType,
            String merchantPrivateKey, String verifyPublicKey, byte[] verifyUserId) {
        this.verifyUserId = verifyUserId.clone();
        String platformPublicKey = verifyPublicKey;
        this.http = http;
        this.uri = base == null ? null : URI.create(base + PATH);
        this.appid = appid;
        this.cusid = cusid;
        this.signType = signType;
        this.appidBytes = appid.getBytes(StandardCharsets.UTF_8);
        try {
            KeyFactory kf = signType.equals("SM2") ? KeyFactory.getInstance("EC", BC) : KeyFactory.getInstance("RSA");
            this.merchantKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(merchantPrivateKey)));
            this.platformKey = kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(platformPublicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad key", e);
        }
    }

    /**
     * @param data canonical bytes
     * @return the request signature in Allinpay's wire form (Base64; raw r‖s for SM2)
     */
    public String sign(byte[] data) {
        try {
            Signature s = signature(appidBytes);
            s.initSign(merchantKey);
            s.update(data);
            byte[] sig = s.sign();
            return Base64.getEncoder().encodeToString(signType.equals("SM2") ? derToRaw(sig) : sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param data canonical bytes
     * @param signature Allinpay's signature, Base64 (raw r‖s for SM2)
     * @return whether it verifies with the platform key
     */
    public boolean verify(byte[] data, String signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            Signature s = signature(verifyUserId);
            s.initVerify(platformKey);
            s.update(data);
            return s.verify(signType.equals("SM2") ? rawToDer(sig) : sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private Signature signature(byte[] userId) throws GeneralSecurityException {
        if (signType.equals("SM2")) {
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.setParameter(new SM2ParameterSpec(userId));
            return s;
        }
        return Signature.getInstance("SHA1withRSA");
    }

    /**
     * Fetches one page of a complaint's negotiation history.
     *
     * @param complaintId the complaint
     * @param offset the first row
     * @param limit rows per page
     * @return the decoded {@code records} ({@code total_count}, {@code offset}, {@code limit}, {@code data}) as a tree
     * @throws IllegalStateException when Allinpay refused, or its answer is not signed right
     */
    public JsonNode history(String complaintId, long offset, int limit) {
        byte[] r = new byte[16];
        random.nextBytes(r);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", appid);
        f.put("cusid", cusid);
        f.put("version", "12");
        f.put("randomstr", HexFormat.of().formatHex(r));
        f.put("signtype", signType);
        f.put("complaint_id", complaintId);
        f.put("limit", Integer.toString(limit));
        f.put("offset", Long.toString(offset));
        f.put("sign", sign(Wire.canonical(f).getBytes(StandardCharsets.UTF_8)));
        StringBuilder form = new StringBuilder(512);
        f.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Wire.TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.US_ASCII))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return records(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("exchange failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The baseline's handling of an answer: tree parse, {@code retcode}, signature, records tree.
     *
     * @param body the answer body
     * @return the records tree
     */
    public JsonNode records(byte[] body) {
        JsonNode root;
        try {
            root = Wire.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
        if (!root.path("retcode").asText().equals("SUCCESS")) {
            throw new IllegalStateException("Allinpay refused: " + root.path("retmsg").asText());
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                scalars.put(e.getKey(), e.getValue().asText());
            }
        });
        if (!verify(Wire.canonical(scalars).getBytes(StandardCharsets.UTF_8), root.path("sign").asText(""))) {
            throw new IllegalStateException("the answer's sign does not verify");
        }
        return parseRecords(root.path("records").asText());
    }

    /**
     * The baseline's whole decoding of {@code records}: Base64, then a Jackson tree parse.
     *
     * @param records the {@code records} value
     * @return the tree
     */
    public static JsonNode parseRecords(String records) {
        try {
            return Wire.JSON.readTree(Base64.getDecoder().decode(records));
        } catch (IOException e) {
            throw new IllegalStateException("records are not JSON", e);
        }
    }

    /** @return the DER signature {@code SEQUENCE {INTEGER r, INTEGER s}} as raw 32-byte r ‖ 32-byte s */
    static byte[] derToRaw(byte[] der) {
        // 30 len 02 lr r 02 ls s (lengths below 128 for 256-bit components)
        int at = 2;
        byte[] raw = new byte[64];
        for (int part = 0; part < 2; part++) {
            int len = der[at + 1];
            int start = at + 2;
            int skip = Math.max(0, len - 32); // a leading 0x00 keeps the INTEGER positive
            System.arraycopy(der, start + skip, raw, part * 32 + (32 - (len - skip)), len - skip);
            at = start + len;
        }
        return raw;
    }

    /** @return the raw r ‖ s signature as DER */
    static byte[] rawToDer(byte[] raw) {
        if (raw.length != 64) {
            throw new IllegalArgumentException("an SM2 signature has 64 bytes");
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
        byte[] der = new byte[6 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + s.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
