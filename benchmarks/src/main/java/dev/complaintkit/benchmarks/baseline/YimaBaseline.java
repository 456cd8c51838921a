/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written Yima {@code risk_complaints_resp_request} client, as a merchant would write it
 * without complaintkit: the seed's fields, the sorted canonical string + {@code &key=secret}, MD5
 * upper-case hex, a JSON body with Jackson, {@code HttpClient}, a Jackson tree parse of the answer,
 * verification of the answer's {@code sign} over its top-level scalars, and {@code result.id}.
 * Thread-safe.
 */
public final class YimaBaseline {
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final HttpClient http;
    private final URI endpoint;
    private final String isspid;
    private final String systemId;
    private final String sellerAccount;
    private final byte[] keySuffix;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param http the client to send with
     * @param endpoint the gateway URL
     * @param isspid merchant number
     * @param systemId platform number
     * @param sellerAccount collecting account
     * @param secret the MD5 key
     */
    public YimaBaseline(HttpClient http, URI endpoint, String isspid, String systemId, String sellerAccount, String secret) {
        this.http = http;
        this.endpoint = endpoint;
        this.isspid = isspid;
        this.systemId = systemId;
        this.sellerAccount = sellerAccount;
        this.keySuffix = ("&key=" + secret).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param data the canonical bytes
     * @return {@code MD5(data + "&key=" + secret)}, upper-case hex
     */
    public String sign(byte[] data) {
        MessageDigest md5 = md5();
        md5.update(data);
        md5.update(keySuffix);
        return Wire.upperHex(md5.digest());
    }

    /**
     * Sends one reply and checks the answer.
     *
     * @param complaintId the complaint
     * @param text the reply text
     * @param jumpUrl an HTTPS link, or {@code null}
     * @param jumpUrlText its text, or {@code null}
     * @return the {@code transaction_id} the gateway accepted
     * @throws IllegalStateException when the gateway refused, or its answer is not signed right
     */
    public String reply(String complaintId, String text, String jumpUrl, String jumpUrlText) {
        byte[] r = new byte[8];
        random.nextBytes(r);
        String txn = "bl" + KEY_TIME.format(Instant.now()) + HexFormat.of().formatHex(r);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("request_type", "risk_complaints_resp_request");
        f.put("isspid", isspid);
        f.put("transaction_id", txn);
        f.put("system_id", systemId);
        f.put("seller_account", sellerAccount);
        f.put("complaint_id", complaintId);
        f.put("response_content", text);
        if (jumpUrl != null) {
            f.put("jump_url", jumpUrl);
            f.put("jump_url_text", jumpUrlText);
        }
        f.put("sign", sign(Wire.canonical(f).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Wire.TIMEOUT)
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(f)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            JsonNode root = Wire.JSON.readTree(response.body());
            Map<String, String> scalars = new LinkedHashMap<>();
            root.properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    scalars.put(e.getKey(), e.getValue().asText());
                }
            });
            String sign = root.path("sign").asText("");
            String expected = sign(Wire.canonical(scalars).getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    sign.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("the answer's sign does not verify");
            }
            String id = root.path("result").path("id").asText("");
            if (!id.equals("0000") || !txn.equals(root.path("transaction_id").asText(txn))) {
                throw new IllegalStateException("refused: " + id + " " + root.path("result").path("comment").asText(""));
            }
            return txn;
        } catch (IOException e) {
            throw new IllegalStateException("exchange failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
