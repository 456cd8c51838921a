/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A hand-written WeChat Pay APIv3 complaint client, as a careful merchant would write it without
 * complaintkit or WxJava: {@code java.net.http}, JDK {@code SHA256withRSA} for the
 * {@code Authorization} header over {@code METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n}, the answer's
 * {@code Wechatpay-Signature} verified with the platform public key over
 * {@code TIMESTAMP\nNONCE\nBODY\n} (no timestamp window, no serial check), and a Jackson tree parse.
 * No paging, limits, retries or reconciliation: those are what the library adds. Thread-safe.
 */
public final class WechatPayBaseline {
    private static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final HexFormat HEX = HexFormat.of();

    private final HttpClient http;
    private final URI base;
    private final String mchid;
    private final String merchantSerial;
    private final PrivateKey merchantKey;
    private final PublicKey platformKey;
    private final String complaintedMchid;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param http the client to send with
     * @param base the API base, e.g. the simulator's
     * @param mchid the merchant id
     * @param merchantSerial the merchant API certificate's serial
     * @param merchantPrivateKeyPem the merchant's PKCS#8 PEM private key
     * @param platformPublicKeyPem the WeChat Pay public key (X.509 PEM)
     * @param complaintedMchid the sub-merchant sent with every list call (WeChat wants it)
     */
    public WechatPayBaseline(HttpClient http, URI base, String mchid, String merchantSerial, String merchantPrivateKeyPem,
            String platformPublicKeyPem, String complaintedMchid) {
        this.http = http;
        this.base = base;
        this.mchid = mchid;
        this.merchantSerial = merchantSerial;
        this.complaintedMchid = complaintedMchid;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            this.merchantKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(merchantPrivateKeyPem)));
            this.platformKey = rsa.generatePublic(new X509EncodedKeySpec(pem(platformPublicKeyPem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad key", e);
        }
    }

    /**
     * One page of the complaint list.
     *
     * @param beginDate {@code yyyy-MM-dd}
     * @param endDate {@code yyyy-MM-dd}
     * @param offset the offset
     * @param limit the page size (≤ 50)
     * @return the answer as a Jackson tree ({@code data}, {@code total_count})
     */
    public JsonNode list(String beginDate, String endDate, int offset, int limit) {
        String path = "/v3/merchant-service/complaints-v2?limit=" + limit + "&offset=" + offset + "&begin_date="
                + beginDate + "&end_date=" + endDate + "&complainted_mchid=" + complaintedMchid;
        return json(send("GET", path, ""));
    }

    /**
     * One page of a complaint's negotiation history.
     *
     * @param complaintId the complaint
     * @param offset the offset
     * @param limit the page size (≤ 300)
     * @return the answer as a Jackson tree
     */
    public JsonNode history(String complaintId, int offset, int limit) {
        return json(send("GET", "/v3/merchant-service/complaints-v2/" + complaintId + "/negotiation-historys?limit="
                + limit + "&offset=" + offset, ""));
    }

    /**
     * One text reply.
     *
     * @param complaintId the complaint
     * @param text the reply text
     * @return the HTTP status (204)
     */
    public int reply(String complaintId, String text) {
        ObjectNode body = Wire.JSON.createObjectNode();
        body.put("complainted_mchid", complaintedMchid);
        body.put("response_content", text);
        try {
            return send("POST", "/v3/merchant-service/complaints-v2/" + complaintId + "/response",
                    Wire.JSON.writeValueAsString(body)).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, String body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HEX.formatHex(nonceBytes);
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        String authorization = SCHEMA + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",signature=\""
                + sign(message.getBytes(StandardCharsets.UTF_8)) + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                + merchantSerial + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Wire.TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            verify(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("exchange failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void verify(HttpResponse<byte[]> response) {
        String timestamp = response.headers().firstValue("Wechatpay-Timestamp").orElseThrow();
        String nonce = response.headers().firstValue("Wechatpay-Nonce").orElseThrow();
        String signature = response.headers().firstValue("Wechatpay-Signature").orElseThrow();
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(platformKey);
            verifier.update(head);
            verifier.update(response.body());
            verifier.update((byte) '\n');
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                throw new IllegalStateException("answer signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("answer signature does not verify", e);
        }
    }

    private String sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(merchantKey);
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Wire.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    private static byte[] pem(String text) {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
