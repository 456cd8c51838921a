/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The test kit's WeChat Pay server crypto against the project's vectors (made with OpenSSL and Python, not with this code). */
@DisplayName("WeChat Pay server crypto")
class WechatPayServerCryptoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long VECTOR_TIME = 1718000000L;
    private final WechatPayServerCrypto server = WechatPayServerCrypto.forTestMerchant();

    /** A signing-string vector: its five (request) or three (answer) lines, and the signature. */
    private static String[] lines(String name) {
        return text(name).split("\n", -1);
    }

    private static String header(String nonce, String timestamp, String signature) {
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"1900012181\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"5F1C72E2A8931B72A2E13AF8DEE92471EB397115\",signature=\"" + signature + "\"";
    }

    @Nested
    @DisplayName("request signatures")
    class Requests {
        @Test
        @DisplayName("accepts the v1 list request and the v2 reply request as the vectors sign them")
        void acceptsVectorRequests() {
            for (String v : new String[] {"v1-request", "v2-reply"}) {
                String[] l = lines(v + ".txt");
                String auth = header(l[3], l[2], text(v + ".sig").trim());
                assertThat(server.checkAuthorization(auth, l[0], l[1], l[4].getBytes(StandardCharsets.UTF_8), VECTOR_TIME))
                        .as(v).isEmpty();
            }
        }

        @Test
        @DisplayName("accepts the Authorization items in any order")
        void itemsInAnyOrder() {
            String[] l = lines("v1-request.txt");
            String auth = "WECHATPAY2-SHA256-RSA2048 signature=\"" + text("v1-request.sig").trim() + "\",serial_no=\""
                    + WechatPayTestKeys.MERCHANT_SERIAL + "\",timestamp=\"" + l[2] + "\",mchid=\"1900012181\",nonce_str=\"" + l[3] + "\"";
            assertThat(server.checkAuthorization(auth, "GET", l[1], new byte[0], VECTOR_TIME)).isEmpty();
        }

        @Test
        @DisplayName("refuses a changed body, a changed query, another serial, another merchant, a missing item and a stale timestamp")
        void refusesWrongRequests() {
            String[] l = lines("v2-reply.txt");
            String sig = text("v2-reply.sig").trim();
            byte[] body = l[4].getBytes(StandardCharsets.UTF_8);
            String auth = header(l[3], l[2], sig);
            assertThat(server.checkAuthorization(auth, "POST", l[1], (l[4] + " ").getBytes(StandardCharsets.UTF_8), VECTOR_TIME))
                    .contains("错误的签名,验签失败");
            assertThat(server.checkAuthorization(auth, "POST", l[1] + "?x=1", body, VECTOR_TIME)).contains("错误的签名,验签失败");
            assertThat(server.checkAuthorization(auth.replace("5F1C72E2", "5F1C72E3"), "POST", l[1], body, VECTOR_TIME))
                    .hasValueSatisfying(p -> assertThat(p).contains("serial_no"));
            assertThat(server.checkAuthorization(auth.replace("1900012181", "1900012182"), "POST", l[1], body, VECTOR_TIME))
                    .hasValueSatisfying(p -> assertThat(p).contains("mchid"));
            assertThat(server.checkAuthorization(auth.replaceFirst("nonce_str=\"[^\"]*\",", ""), "POST", l[1], body, VECTOR_TIME))
                    .hasValueSatisfying(p -> assertThat(p).contains("nonce_str is missing"));
            assertThat(server.checkAuthorization(auth, "POST", l[1], body, VECTOR_TIME + 300)).isEmpty();
            assertThat(server.checkAuthorization(auth, "POST", l[1], body, VECTOR_TIME + 301))
                    .hasValueSatisfying(p -> assertThat(p).contains("5分钟"));
            assertThat(server.checkAuthorization(null, "POST", l[1], body, VECTOR_TIME))
                    .hasValueSatisfying(p -> assertThat(p).contains("scheme"));
        }
    }

    @Nested
    @DisplayName("answer signatures")
    class Answers {
        @Test
        @DisplayName("reproduces the v3 answer signatures byte for byte, with and without a body (204)")
        void reproducesAnswerSignatures() {
            for (String v : new String[] {"v3-response", "v3-response-204"}) {
                String[] l = lines(v + ".txt");
                assertThat(server.signAnswer(l[0], l[1], l[2].getBytes(StandardCharsets.UTF_8))).as(v).isEqualTo(text(v + ".sig").trim());
            }
        }

        @Test
        @DisplayName("signed headers carry the serial, the signature type and a signature over the body")
        void signedHeaders() {
            Map<String, String> h = server.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, 1718000001L,
                    "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "{\"data\":[],\"limit\":50,\"offset\":0,\"total_count\":0}".getBytes(StandardCharsets.UTF_8));
            assertThat(h).containsEntry("Wechatpay-Serial", WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID)
                    .containsEntry("Wechatpay-Timestamp", "1718000001")
                    .containsEntry("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                    .containsEntry("Wechatpay-Signature", text("v3-response.sig").trim());
        }
    }

    @Nested
    @DisplayName("encryption")
    class Encryption {
        @Test
        @DisplayName("reproduces the v4 notification resource and the ciphertext published in wechatpay-java")
        void reproducesGcmVectors() throws IOException {
            JsonNode v = JSON.readTree(text("v4-notification.json"));
            assertThat(v.path("api_v3_key").asText()).isEqualTo(WechatPayTestKeys.API_V3_KEY);
            assertThat(server.encryptResource(v.path("nonce").asText(), v.path("associated_data").asText(),
                    v.path("plaintext").asText().getBytes(StandardCharsets.UTF_8))).isEqualTo(v.path("ciphertext").asText());
            JsonNode p = v.path("published_vector_wechatpay_java");
            WechatPayServerCrypto other = new WechatPayServerCrypto(WechatPayTestKeys.MCHID, WechatPayTestKeys.MERCHANT_SERIAL,
                    WechatPayTestKeys.merchantPublicKey(), WechatPayTestKeys.platformPrivateKey(), p.path("api_v3_key").asText());
            assertThat(other.encryptResource(p.path("nonce").asText(), p.path("associated_data").asText(),
                    p.path("plaintext").asText().getBytes(StandardCharsets.UTF_8))).isEqualTo(p.path("ciphertext").asText());
        }

        @Test
        @DisplayName("a complaint notification's resource decrypts (JCA AES-GCM) to the complaint id and action type")
        void notificationDecrypts() throws Exception {
            byte[] body = server.complaintNotification("EV-2018022511223320873", "2024-06-12T09:30:15+08:00", "COMPLAINT.CREATE",
                    "产生新投诉", "lgSUQQVhgMrq", "200201820200101080076610000", "CREATE_COMPLAINT");
            JsonNode n = JSON.readTree(body);
            assertThat(n.path("event_type").asText()).isEqualTo("COMPLAINT.CREATE");
            assertThat(n.path("summary").asText()).isEqualTo("产生新投诉");
            JsonNode r = n.path("resource");
            assertThat(r.path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(WechatPayTestKeys.API_V3_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
                    new GCMParameterSpec(128, r.path("nonce").asText().getBytes(StandardCharsets.UTF_8)));
            c.updateAAD(r.path("associated_data").asText().getBytes(StandardCharsets.UTF_8));
            JsonNode plain = JSON.readTree(c.doFinal(Base64.getDecoder().decode(r.path("ciphertext").asText())));
            assertThat(plain.path("complaint_id").asText()).isEqualTo("200201820200101080076610000");
            assertThat(plain.path("action_type").asText()).isEqualTo("CREATE_COMPLAINT");
            JsonNode v = JSON.readTree(text("v4-notification.json"));
            assertThat(r.path("ciphertext").asText()).isEqualTo(v.path("ciphertext").asText());
        }

        @Test
        @DisplayName("payer_phone encrypted for the merchant decrypts with JCA RSA-OAEP SHA-1, whose parameters also decrypt the v5 vector")
        void phoneRoundTrip() throws Exception {
            JsonNode v = JSON.readTree(text("v5-payer-phone.json"));
            assertThat(oaepDecrypt(v.path("ciphertext").asText())).isEqualTo(v.path("plaintext").asText());
            String a = server.encryptForMerchant("13800138000");
            String b = server.encryptForMerchant("13800138000");
            assertThat(a).isNotEqualTo(b);
            assertThat(oaepDecrypt(a)).isEqualTo("13800138000");
            assertThat(oaepDecrypt(b)).isEqualTo("13800138000");
        }
    }

    @Test
    @DisplayName("the test keys pair up: the certificate holds the platform public key under its serial, each public key matches its private key")
    void testKeysPairUp() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(WechatPayTestKeys.platformCertificate().getBytes(StandardCharsets.US_ASCII)));
        assertThat(cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)).isEqualTo(WechatPayTestKeys.PLATFORM_CERTIFICATE_SERIAL);
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        assertThat(cert.getPublicKey()).isEqualTo(rsa.generatePublic(new X509EncodedKeySpec(der(WechatPayTestKeys.platformPublicKey()))));
        java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
        for (String[] pair : new String[][] {{WechatPayTestKeys.merchantPrivateKey(), WechatPayTestKeys.merchantPublicKey()},
                {WechatPayTestKeys.platformPrivateKey(), WechatPayTestKeys.platformPublicKey()}}) {
            s.initSign(rsa.generatePrivate(new PKCS8EncodedKeySpec(der(pair[0]))));
            s.update(new byte[] {1, 2, 3});
            byte[] sig = s.sign();
            s.initVerify(rsa.generatePublic(new X509EncodedKeySpec(der(pair[1]))));
            s.update(new byte[] {1, 2, 3});
            assertThat(s.verify(sig)).isTrue();
        }
    }

    private static String oaepDecrypt(String base64) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(WechatPayTestKeys.merchantPrivateKey())));
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        return new String(c.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", ""));
    }

    private static String text(String name) {
        String path = "vectors/" + name;
        try (InputStream in = WechatPayServerCryptoTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
