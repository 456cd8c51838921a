/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("answer and notification verifier")
class AnswerVerifierTest {
    private static final String NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";

    private static VerificationKeys publicKeyMode() {
        return VerificationKeys.of(Vectors.PUBLIC_KEY_ID, Vectors.platformPublicKey(), List.of());
    }

    private static AnswerVerifier verifierAt(VerificationKeys keys, long time) {
        return new AnswerVerifier(keys, Vectors.clockAt(time), AnswerVerifier.DEFAULT_WINDOW);
    }

    /** The headers of a vector answer, as a transport response would carry them (lower-case names). */
    private static HttpTransport.Response vectorAnswer(String vector, String serial, int status) {
        String[] l = Vectors.lines(vector + ".txt");
        Map<String, List<String>> h = new HashMap<>();
        h.put("wechatpay-timestamp", List.of(l[0]));
        h.put("wechatpay-nonce", List.of(l[1]));
        h.put("wechatpay-signature", List.of(Vectors.signature(vector + ".sig")));
        h.put("wechatpay-serial", List.of(serial));
        h.put("wechatpay-signature-type", List.of("WECHATPAY2-SHA256-RSA2048"));
        h.put("request-id", List.of("08F4A1B2C30610C8B4A3E8051800200E28B2A501-0"));
        return new HttpTransport.Response(status, h, l[2].getBytes(StandardCharsets.UTF_8));
    }

    private static HttpTransport.Response with(HttpTransport.Response r, String name, String value, byte[] body) {
        Map<String, List<String>> h = new HashMap<>(r.headers());
        if (value == null) {
            h.remove(name.toLowerCase(java.util.Locale.ROOT));
        } else {
            h.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value));
        }
        return new HttpTransport.Response(r.status(), h, body == null ? r.body() : body);
    }

    @Nested
    @DisplayName("the vectors")
    class VectorAnswers {
        @Test
        @DisplayName("the v3 answer and the v3 204 answer (empty body line) verify under the public key id")
        void vectorsVerify() {
            HttpTransport.Response listAnswer = vectorAnswer("v3-response", Vectors.PUBLIC_KEY_ID, 200);
            HttpTransport.Response noContent = vectorAnswer("v3-response-204", Vectors.PUBLIC_KEY_ID, 204);
            assertThat(noContent.body()).isEmpty();
            AnswerVerifier verifier = verifierAt(publicKeyMode(), Vectors.TIME);
            assertThat(verifier.verify(listAnswer::header, listAnswer.body())).isEqualTo(Vectors.PUBLIC_KEY_ID);
            assertThat(verifier.verify(noContent::header, noContent.body())).isEqualTo(Vectors.PUBLIC_KEY_ID);
            assertThat(verifier.verify(noContent::header, null)).isEqualTo(Vectors.PUBLIC_KEY_ID);
        }

        @Test
        @DisplayName("the verified message is timestamp, nonce and body, each line ending in \\n, the body's raw bytes")
        void messageMatchesVectors() {
            for (String v : new String[] {"v3-response", "v3-response-204"}) {
                String[] l = Vectors.lines(v + ".txt");
                assertThat(AnswerVerifier.message(l[0], l[1], l[2].getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(Vectors.text(v + ".txt").getBytes(StandardCharsets.UTF_8));
            }
        }

        @Test
        @DisplayName("the same answer verifies in certificate mode under the certificate's serial, and in migration mode under either name")
        void certificateAndMigrationModes() {
            VerificationKeys certs = VerificationKeys.of(null, null, Vectors.certificates("platform-certificate.pem"));
            HttpTransport.Response byCert = vectorAnswer("v3-response", Vectors.CERTIFICATE_SERIAL, 200);
            assertThat(verifierAt(certs, Vectors.TIME).verify(byCert::header, byCert.body())).isEqualTo(Vectors.CERTIFICATE_SERIAL);
            VerificationKeys both = VerificationKeys.of(Vectors.PUBLIC_KEY_ID, Vectors.platformPublicKey(),
                    Vectors.certificates("platform-old-certificate.pem", "platform-certificate.pem"));
            AnswerVerifier migration = verifierAt(both, Vectors.TIME);
            HttpTransport.Response byId = vectorAnswer("v3-response", Vectors.PUBLIC_KEY_ID, 200);
            assertThat(migration.verify(byCert::header, byCert.body())).isEqualTo(Vectors.CERTIFICATE_SERIAL);
            assertThat(migration.verify(byId::header, byId.body())).isEqualTo(Vectors.PUBLIC_KEY_ID);
            HttpTransport.Response lowerCase = vectorAnswer("v3-response", Vectors.CERTIFICATE_SERIAL.toLowerCase(java.util.Locale.ROOT), 200);
            assertThat(migration.verify(lowerCase::header, lowerCase.body())).isNotNull();
        }
    }

    @Nested
    @DisplayName("against the test kit's independent server side")
    class ServerSigned {
        @Test
        @DisplayName("a notification signed and encrypted by the test kit verifies and decrypts to its complaint id and action type")
        void notificationRoundTrip() throws Exception {
            WechatPayServerCrypto server = WechatPayServerCrypto.forTestMerchant();
            long now = 1718000000L;
            byte[] body = server.complaintNotification("EV-2018022511223320873", "2024-06-12T09:30:15+08:00", "COMPLAINT.STATE_CHANGE",
                    "投诉状态变更", "lgSUQQVhgMrq", "200201820200101080076610000", "USER_RESPONSE");
            Map<String, String> headers = server.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, now + 120, NONCE, body);
            assertThat(verifierAt(publicKeyMode(), now).verify(n -> Optional.ofNullable(headers.get(n)), body))
                    .isEqualTo(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            var resource = dev.complaintkit.internal.json.Json.mapper().readTree(body).path("resource");
            String plain = new ResourceCipher(dev.complaintkit.Secret.of(WechatPayTestKeys.API_V3_KEY)).decryptToString(
                    resource.path("algorithm").asText(), resource.path("nonce").asText(), resource.path("associated_data").asText(),
                    resource.path("ciphertext").asText());
            assertThat(plain).isEqualTo("{\"complaint_id\":\"200201820200101080076610000\",\"action_type\":\"USER_RESPONSE\"}");
        }

        @Test
        @DisplayName("a rotated-out certificate whose serial starts with a zero verifies under the serial with or without the zero")
        void leadingZeroSerial() {
            WechatPayServerCrypto old = new WechatPayServerCrypto(WechatPayTestKeys.MCHID, WechatPayTestKeys.MERCHANT_SERIAL,
                    WechatPayTestKeys.merchantPublicKey(), Vectors.text("platform-old-private.pem"), WechatPayTestKeys.API_V3_KEY);
            VerificationKeys keys = VerificationKeys.of(null, null, Vectors.certificates("platform-certificate.pem", "platform-old-certificate.pem"));
            byte[] body = "{\"code\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            for (String serial : new String[] {Vectors.OLD_CERTIFICATE_SERIAL, Vectors.OLD_CERTIFICATE_SERIAL.substring(1)}) {
                Map<String, String> h = old.signedHeaders(serial, Vectors.TIME, NONCE, body);
                assertThat(verifierAt(keys, Vectors.TIME).verify(n -> Optional.ofNullable(h.get(n)), body)).isEqualTo(serial);
            }
            Map<String, String> wrongKey = old.signedHeaders(Vectors.CERTIFICATE_SERIAL, Vectors.TIME, NONCE, body);
            assertThatThrownBy(() -> verifierAt(keys, Vectors.TIME).verify(n -> Optional.ofNullable(wrongKey.get(n)), body))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not verify");
        }
    }

    @Nested
    @DisplayName("refusals, all SignatureException")
    class Refusals {
        private final HttpTransport.Response answer = vectorAnswer("v3-response", Vectors.PUBLIC_KEY_ID, 200);
        private final AnswerVerifier verifier = verifierAt(publicKeyMode(), Vectors.TIME + 1);

        private void refused(HttpTransport.Response r, String why) {
            assertThatThrownBy(() -> verifier.verify(r::header, r.body()))
                    .isExactlyInstanceOf(SignatureException.class).hasMessageStartingWith("[wechatpay] ").hasMessageContaining(why);
        }

        @Test
        @DisplayName("a body with one extra space (or re-serialised) is refused")
        void tamperedBody() {
            refused(with(answer, "x", null, "{\"data\":[], \"limit\":50,\"offset\":0,\"total_count\":0}".getBytes(StandardCharsets.UTF_8)),
                    "does not verify");
            refused(with(answer, "x", null, "{\"data\":[],\"limit\":50,\"offset\":0,\"total_count\":0}\n".getBytes(StandardCharsets.UTF_8)),
                    "does not verify");
        }

        @Test
        @DisplayName("an unknown Wechatpay-Serial is refused, naming the serial and the configured ones")
        void unknownSerial() {
            refused(with(answer, "Wechatpay-Serial", "PUB_KEY_ID_0119000121812024120200000000002", null), "names no configured key");
            refused(with(answer, "Wechatpay-Serial", Vectors.CERTIFICATE_SERIAL, null), Vectors.PUBLIC_KEY_ID);
        }

        @Test
        @DisplayName("a WECHATPAY/SIGNTEST/ probe is a signature failure, never an IllegalArgumentException")
        void probe() {
            refused(with(answer, "Wechatpay-Signature", "WECHATPAY/SIGNTEST/Zm9vYmFyYmF6", null), "signature probe");
            refused(with(answer, "Wechatpay-Signature", "WECHATPAY/SIGNTEST/", null), "signature probe");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"})
        @DisplayName("a missing header is a refusal (fail closed), never a bypass")
        void missingHeader(String name) {
            refused(with(answer, name, null, null), name + " header is missing");
            refused(with(answer, name, " ", null), name + " header is missing");
        }

        @Test
        @DisplayName("every header missing (an unsigned answer or a stripping proxy) is a refusal")
        void unsigned() {
            HttpTransport.Response bare = new HttpTransport.Response(200, Map.of(), answer.body());
            refused(bare, "header is missing");
        }

        @Test
        @DisplayName("a timestamp more than 5 minutes off either way is refused; exactly 5 minutes is accepted")
        void staleTimestamp() {
            long t = Vectors.TIME + 1;
            assertThatCode(() -> verifierAt(publicKeyMode(), t + 300).verify(answer::header, answer.body())).doesNotThrowAnyException();
            assertThatCode(() -> verifierAt(publicKeyMode(), t - 300).verify(answer::header, answer.body())).doesNotThrowAnyException();
            assertThatThrownBy(() -> verifierAt(publicKeyMode(), t + 301).verify(answer::header, answer.body()))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("301 s behind");
            assertThatThrownBy(() -> verifierAt(publicKeyMode(), t - 301).verify(answer::header, answer.body()))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("301 s ahead");
            assertThatCode(() -> new AnswerVerifier(publicKeyMode(), Vectors.clockAt(t + 600), Duration.ofMinutes(10))
                    .verify(answer::header, answer.body())).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("a timestamp in milliseconds or not a number is refused")
        void badTimestamp() {
            refused(with(answer, "Wechatpay-Timestamp", "1718000001000", null), "not Unix seconds");
            refused(with(answer, "Wechatpay-Timestamp", "-1718000001", null), "not Unix seconds");
        }

        @Test
        @DisplayName("a signature that is not Base64, or Base64 of the wrong length, is refused")
        void badBase64() {
            refused(with(answer, "Wechatpay-Signature", "not base64 at all!", null), "not Base64");
            refused(with(answer, "Wechatpay-Signature", "AAAA", null), "does not verify");
        }

        @Test
        @DisplayName("a signature type other than WECHATPAY2-SHA256-RSA2048 is refused")
        void otherSignatureType() {
            refused(with(answer, "Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3", null), "not supported");
        }

        @Test
        @DisplayName("a control character in a refused header does not reach the message")
        void headerValuesArePrintable() {
            HttpTransport.Response r = with(answer, "Wechatpay-Serial", "PUB_KEY_ID_X\r\nInjected: yes", null);
            assertThatThrownBy(() -> verifier.verify(r::header, r.body())).hasMessageNotContaining("\n").hasMessageNotContaining("\r");
        }
    }

    @Test
    @DisplayName("configuring no key, half of the public-key mode, a malformed id or one certificate twice is a configuration error")
    void keyConfiguration() {
        assertThatThrownBy(() -> VerificationKeys.of(null, null, List.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("wechatpay.platform-certificates");
        assertThatThrownBy(() -> VerificationKeys.of(Vectors.PUBLIC_KEY_ID, null, List.of()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("wechatpay.platform-public-key"));
        assertThatThrownBy(() -> VerificationKeys.of(null, Vectors.platformPublicKey(), List.of()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("wechatpay.platform-public-key-id"));
        assertThatThrownBy(() -> VerificationKeys.of("0119000121812024120200000000001", Vectors.platformPublicKey(), List.of()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations().get(0).rule()).isEqualTo("format"));
        assertThatThrownBy(() -> VerificationKeys.of(null, null, Vectors.certificates("platform-certificate.pem", "platform-certificate.pem")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations().get(0).rule()).isEqualTo("unique"));
    }
}
