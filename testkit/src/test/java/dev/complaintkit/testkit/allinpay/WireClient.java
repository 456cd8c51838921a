/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.BigIntegers;

/**
 * The client side of the wire, written for these tests on the JCA (not the simulator's lightweight
 * code): signs requests like a merchant, posts them, and checks answers like a careful client.
 */
final class WireClient {
    static final Provider BC = new BouncyCastleProvider();
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    WireClient(URI endpoint) {
        this.uri = URI.create(endpoint + AllinpaySimulator.HISTORY_PATH);
    }

    /** @param endpoint the simulator's base @param op the interface, e.g. {@code wxcomplaintlistquery} */
    WireClient(URI endpoint, String op) {
        this.uri = URI.create(endpoint + "/riskfeeback/" + op);
    }

    /** @return the standard fields of the test merchant for a complaint (unsigned) */
    static Map<String, String> fields(String signType, String complaintId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", AllinpayTestKeys.APPID);
        f.put("cusid", AllinpayTestKeys.CUSID);
        f.put("version", "12");
        f.put("randomstr", "r" + System.nanoTime());
        f.put("signtype", signType);
        f.put("complaint_id", complaintId);
        return f;
    }

    static String canonical(Map<String, String> f) {
        return f.entrySet().stream().filter(e -> !e.getKey().equals("sign") && !e.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** Signs with the test merchant's key of the fields' signtype and adds {@code sign}. */
    static Map<String, String> signed(Map<String, String> f) {
        f.put("sign", sign(f.get("signtype"), AllinpayTestKeys.merchantPrivateKey(f.get("signtype")), f.get("appid"), canonical(f)));
        return f;
    }

    static String sign(String signType, String pkcs8, String userId, String text) {
        try {
            byte[] der = Base64.getDecoder().decode(pkcs8);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            if (signType.startsWith("RSA")) {
                Signature s = Signature.getInstance(signType.equals("RSA2") ? "SHA256withRSA" : "SHA1withRSA");
                s.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
                s.update(data);
                return Base64.getEncoder().encodeToString(s.sign());
            }
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.setParameter(new SM2ParameterSpec(userId.getBytes(StandardCharsets.UTF_8)));
            s.initSign(KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(der)));
            s.update(data);
            ASN1Sequence seq = ASN1Sequence.getInstance(s.sign());
            byte[] raw = new byte[64];
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue()), 0, raw, 0, 32);
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue()), 0, raw, 32, 32);
            return Base64.getEncoder().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String signType, String x509, String userId, String text, String signature) {
        try {
            byte[] der = Base64.getDecoder().decode(x509);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            byte[] sig = Base64.getDecoder().decode(signature);
            if (signType.startsWith("RSA")) {
                Signature s = Signature.getInstance(signType.equals("RSA2") ? "SHA256withRSA" : "SHA1withRSA");
                s.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
                s.update(data);
                return s.verify(sig);
            }
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.setParameter(new SM2ParameterSpec(userId.getBytes(StandardCharsets.UTF_8)));
            s.initVerify(KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(der)));
            s.update(data);
            byte[] derSig = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOf(sig, 32))),
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64)))}).getEncoded();
            return s.verify(derSig);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the fields and a file as multipart/form-data and returns the answer's top-level fields. */
    Map<String, String> postMultipart(Map<String, String> f, String fileName, byte[] file) {
        String boundary = "wireclient" + System.nanoTime();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        f.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v
                + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    private Map<String, String> send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> answer = new LinkedHashMap<>();
            JSON.readTree(r.body()).properties().forEach(e -> answer.put(e.getKey(), e.getValue().asText()));
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts the fields form-encoded and returns the answer's top-level fields. */
    Map<String, String> post(Map<String, String> f) {
        String body = f.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** @return the decoded {@code records} JSON of an answer */
    static JsonNode records(Map<String, String> answer) {
        try {
            return JSON.readTree(Base64.getDecoder().decode(answer.get("records")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
