/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.testkit.TestClock;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The simulator against a raw {@code java.net.http} client that signs requests and checks answers
 * with the JDK's own cryptography (no adapter code, no {@link WechatPayServerCrypto} on the client side).
 */
class WechatPaySimulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final LocalDate TODAY = LocalDate.now(WechatPaySimulator.SHANGHAI);
    static final List<ComplaintSeed> SEEDS = WechatPayFixtures.sixtyDays(TODAY);
    static final String REFUND = SEEDS.get(WechatPayFixtures.REFUND).id();
    static final String IMMEDIATE = SEEDS.get(WechatPayFixtures.IMMEDIATE).id();
    static final String PROCESSED = SEEDS.get(WechatPayFixtures.PROCESSED).id();
    static final String SERVICE = SEEDS.get(5).id(); // processing, OTHERS
    static final String C = WechatPaySimulator.COMPLAINTS_PATH;

    WechatPaySimulator sim;
    Clock clock = Clock.systemUTC();

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    WechatPaySimulator start(WechatPaySimulator.Builder b) {
        sim = b.complaints(WechatPayFixtures.sixtyDays(TODAY)).build().start();
        return sim;
    }

    WechatPaySimulator start() {
        return start(WechatPaySimulator.builder());
    }

    // ------------------------------------------------------------------ a raw JDK client

    static PrivateKey merchantKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(WechatPayTestKeys.merchantPrivateKey())));
    }

    static PublicKey platformKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(WechatPayTestKeys.platformPublicKey())));
    }

    static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", ""));
    }

    String authorization(String method, String pathAndQuery, byte[] signedBody, long timestamp) throws Exception {
        String nonce = "N" + System.nanoTime();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(merchantKey());
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes((method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        m.writeBytes(signedBody);
        m.write('\n');
        s.update(m.toByteArray());
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + WechatPayTestKeys.MCHID + "\",nonce_str=\"" + nonce + "\",signature=\""
                + Base64.getEncoder().encodeToString(s.sign()) + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                + WechatPayTestKeys.MERCHANT_SERIAL + "\"";
    }

    HttpResponse<byte[]> call(String method, String pathAndQuery, String json) throws Exception {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        return send(method, pathAndQuery, body, body, json == null ? null : "application/json", false, null);
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, byte[] signedBody, String contentType,
            boolean chunked, String serialHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUri() + pathAndQuery))
                .header("Authorization", authorization(method, pathAndQuery, signedBody, clock.instant().getEpochSecond()))
                .header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (serialHeader != null) {
            b.header("Wechatpay-Serial", serialHeader);
        }
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        b.method(method, body.length == 0 && !chunked ? HttpRequest.BodyPublishers.noBody() : publisher);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static boolean verifies(HttpResponse<byte[]> r) throws Exception {
        return verifies(r.headers().firstValue("Wechatpay-Timestamp").orElse(""), r.headers().firstValue("Wechatpay-Nonce").orElse(""),
                r.headers().firstValue("Wechatpay-Signature").orElse(""), r.body());
    }

    static boolean verifies(String ts, String nonce, String signature, byte[] body) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(platformKey());
        s.update((ts + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        s.update(body);
        s.update((byte) '\n');
        try {
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String range(int fromDaysAgo, int toDaysAgo) {
        return "begin_date=" + TODAY.minusDays(fromDaysAgo) + "&end_date=" + TODAY.minusDays(toDaysAgo);
    }

    static String decryptPhone(String ciphertext) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.DECRYPT_MODE, merchantKey(), new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                PSource.PSpecified.DEFAULT));
        return new String(c.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    static byte[] multipart(String boundary, byte[] meta, byte[] file, String fileName, boolean fileFirst) {
        ByteArrayOutputStream metaPart = new ByteArrayOutputStream();
        metaPart.writeBytes(("Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        metaPart.writeBytes(meta);
        ByteArrayOutputStream filePart = new ByteArrayOutputStream();
        filePart.writeBytes(("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        filePart.writeBytes(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteArrayOutputStream part : fileFirst ? List.of(filePart, metaPart) : List.of(metaPart, filePart)) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.toByteArray());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    HttpResponse<byte[]> sendUpload(byte[] file, String name, boolean fileFirst, boolean chunked, String digest) throws Exception {
        byte[] meta = ("{\"filename\":\"" + name + "\",\"sha256\":\"" + digest + "\"}").getBytes(StandardCharsets.UTF_8);
        return send("POST", WechatPaySimulator.UPLOAD_PATH, multipart("b0und4ry", meta, file, name, fileFirst), meta,
                "multipart/form-data; boundary=b0und4ry", chunked, null);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    // ------------------------------------------------------------------ tests

    @Nested
    @DisplayName("request signatures")
    class RequestSignatures {
        @Test
        @DisplayName("an unsigned, a stale and a wrongly signed request are 401 SIGN_ERROR, unsigned; nothing is handled")
        void refused() throws Exception {
            start();
            HttpResponse<byte[]> none = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + C + "/" + REFUND)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(json(none).path("code").asText()).isEqualTo("SIGN_ERROR");
            assertThat(none.headers().firstValue("Wechatpay-Signature")).isEmpty();
            assertThat(none.headers().firstValue("Request-ID")).isPresent();

            clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
            HttpResponse<byte[]> stale = call("GET", C + "/" + REFUND, null);
            assertThat(stale.statusCode()).isEqualTo(401);
            assertThat(json(stale).path("message").asText()).contains("5分钟");
            clock = Clock.systemUTC();

            String path = C + "/" + REFUND + "/response";
            byte[] body = ("{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"response_content\":\"您好\"}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> wrong = send("POST", path, body, other, "application/json", false, null);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("Wechatpay-Signature")).isEmpty();
            assertThat(sim.historyTypes(REFUND)).doesNotContain("MERCHANT_RESPONSE");
            assertThat(sim.signatureFailures()).isEqualTo(3);
        }

        @Test
        @DisplayName("a signed request is answered with a signature over timestamp, nonce and the raw body, under PUB_KEY_ID")
        void signedAnswer() throws Exception {
            start();
            HttpResponse<byte[]> r = call("GET", C + "/" + REFUND, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(verifies(r)).isTrue();
            assertThat(r.headers().firstValue("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            assertThat(r.headers().firstValue("Wechatpay-Signature-Type")).hasValue("WECHATPAY2-SHA256-RSA2048");
        }

        @Test
        @DisplayName("certificate mode signs under the certificate serial; migration follows the request's Wechatpay-Serial")
        void modes() throws Exception {
            start(WechatPaySimulator.builder().signingMode(WechatPaySimulator.SigningMode.CERTIFICATE));
            HttpResponse<byte[]> cert = call("GET", C + "/" + REFUND, null);
            assertThat(cert.headers().firstValue("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_CERTIFICATE_SERIAL);
            assertThat(verifies(cert)).isTrue();
            sim.close();
            start(WechatPaySimulator.builder().signingMode(WechatPaySimulator.SigningMode.MIGRATION));
            HttpResponse<byte[]> withId = send("GET", C + "/" + REFUND, new byte[0], new byte[0], null, false,
                    WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            assertThat(withId.headers().firstValue("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            HttpResponse<byte[]> without = call("GET", C + "/" + REFUND, null);
            assertThat(without.headers().firstValue("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_CERTIFICATE_SERIAL);
            assertThat(verifies(withId) && verifies(without)).isTrue();
        }
    }

    @Nested
    @DisplayName("reading")
    class Reading {
        @Test
        @DisplayName("the list keeps WeChat's rules: limit ≤ 50, 30 days at most, both dates required, complainted_mchid never empty")
        void listRules() throws Exception {
            start();
            HttpResponse<byte[]> ok = call("GET", C + "?limit=2&offset=0&" + range(29, 0) + "&complainted_mchid=" + WechatPayTestKeys.MCHID,
                    null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(verifies(ok)).isTrue();
            JsonNode page = json(ok);
            assertThat(page.path("data")).hasSize(2);
            assertThat(page.path("total_count").asInt()).isEqualTo(6);
            assertThat(page.path("data").get(0).path("complaint_id").asText()).isEqualTo(REFUND);
            JsonNode next = json(call("GET", C + "?limit=50&offset=2&" + range(29, 0), null));
            assertThat(next.has("total_count")).isFalse();
            assertThat(next.path("data")).hasSize(4);
            JsonNode older = json(call("GET", C + "?limit=50&offset=0&" + range(59, 30), null));
            assertThat(older.path("total_count").asInt()).isEqualTo(6);

            for (String bad : List.of("limit=51&" + range(1, 0), "limit=0&" + range(1, 0), "limit=10&" + range(30, 0),
                    "limit=10&end_date=" + TODAY, "limit=10&" + range(0, 1), "limit=10&" + range(1, 0) + "&complainted_mchid=",
                    "limit=10&" + range(1, 0) + "&complainted_mchid=null", "limit=10&begin_date=2024/01/01&end_date=2024-01-02")) {
                HttpResponse<byte[]> r = call("GET", C + "?" + bad, null);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(json(r).path("code").asText()).as(bad).isEqualTo("PARAM_ERROR");
                assertThat(verifies(r)).as("4xx answers are signed").isTrue();
            }
        }

        @Test
        @DisplayName("a detail carries payer_openid and payer_phone encrypted under the merchant key (OAEP SHA-1); an unknown id is 404")
        void detail() throws Exception {
            start();
            JsonNode d = json(call("GET", C + "/" + REFUND, null));
            assertThat(d.path("payer_openid").asText()).isNotBlank();
            assertThat(decryptPhone(d.path("payer_phone").asText())).isEqualTo("13800138000");
            assertThat(d.path("problem_type").asText()).isEqualTo("REFUND");
            assertThat(d.path("apply_refund_amount").asLong()).isEqualTo(990);
            assertThat(d.path("complaint_media_list").get(0).path("media_url").get(0).asText()).contains("%3D");
            HttpResponse<byte[]> missing = call("GET", C + "/200201820000000000000000000", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(verifies(missing)).isTrue();
        }

        @Test
        @DisplayName("the history pages with limit ≤ 300, oldest first, total_count at offset 0")
        void history() throws Exception {
            start();
            JsonNode all = json(call("GET", C + "/" + REFUND + "/negotiation-historys?limit=300&offset=0", null));
            assertThat(all.path("total_count").asInt()).isEqualTo(3);
            assertThat(all.path("data").get(0).path("operate_type").asText()).isEqualTo("USER_CREATE_COMPLAINT");
            assertThat(all.path("data").get(0).path("complaint_media_list").isObject()).isTrue();
            assertThat(all.path("data").get(1).path("image_list").isArray()).isTrue();
            JsonNode second = json(call("GET", C + "/" + REFUND + "/negotiation-historys?limit=1&offset=1", null));
            assertThat(second.path("data")).hasSize(1);
            assertThat(second.path("data").get(0).path("operate_type").asText()).isEqualTo("USER_RESPONSE");
            assertThat(call("GET", C + "/" + REFUND + "/negotiation-historys?limit=301&offset=0", null).statusCode()).isEqualTo(400);
        }

        @Test
        @DisplayName("a media URL is served by its raw (percent-encoded) path, unsigned; signing the decoded path is refused")
        void download() throws Exception {
            start();
            String url = sim.mediaUrls(REFUND).get(0);
            String raw = URI.create(url).getRawPath();
            HttpResponse<byte[]> r = call("GET", raw, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(sim.image(url).orElseThrow());
            assertThat(r.headers().firstValue("Wechatpay-Signature")).isEmpty();
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
            String decoded = URI.create(url).getPath();
            HttpResponse<byte[]> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + raw))
                    .header("Authorization", authorization("GET", decoded, new byte[0], Instant.now().getEpochSecond())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("writing")
    class Writing {
        String reply(String text) {
            return "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"response_content\":\"" + text + "\"}";
        }

        @Test
        @DisplayName("a reply is 204 with Content-Type, signed over an empty body, moves PENDING to PROCESSING and writes a history row")
        void reply() throws Exception {
            start();
            HttpResponse<byte[]> r = call("POST", C + "/" + REFUND + "/response", reply("您好，已为您处理"));
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(r.headers().firstValue("Content-Type")).isPresent();
            assertThat(r.body()).isEmpty();
            assertThat(verifies(r)).isTrue();
            assertThat(sim.state(REFUND)).hasValue("PROCESSING");
            assertThat(sim.historyTypes(REFUND)).endsWith("MERCHANT_RESPONSE");
            assertThat(sim.historyDetails(REFUND)).endsWith("您好，已为您处理");
            String mini = "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"response_content\":\"请查看\","
                    + "\"mini_program_jump_info\":{\"appid\":\"wx1234567890\",\"path\":\"pages/order?id=1\",\"text\":\"查看订单\"}}";
            assertThat(call("POST", C + "/" + REFUND + "/response", mini).statusCode()).isEqualTo(204);
        }

        @Test
        @DisplayName("a bad reply is 400 naming the rule: emoji, too long, jump text without URL, wrong mchid, complaint_id in the body, processed, immediate-service")
        void replyRules() throws Exception {
            start();
            Map<String, String> bad = Map.of(
                    "emoji", reply("您好 \uD83D\uDE00"),
                    "too long", reply("好".repeat(201)),
                    "jump text alone", "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID
                            + "\",\"response_content\":\"x\",\"jump_url_text\":\"看看\"}",
                    "http jump", "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID
                            + "\",\"response_content\":\"x\",\"jump_url\":\"http://a.example\",\"jump_url_text\":\"看看\"}",
                    "wrong mchid", "{\"complainted_mchid\":\"1900000000\",\"response_content\":\"x\"}",
                    "complaint_id", "{\"complaint_id\":\"" + REFUND + "\",\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID
                            + "\",\"response_content\":\"x\"}",
                    "mini program half", "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID
                            + "\",\"response_content\":\"x\",\"mini_program_jump_info\":{\"appid\":\"wx1\"}}");
            for (Map.Entry<String, String> e : bad.entrySet()) {
                HttpResponse<byte[]> r = call("POST", C + "/" + REFUND + "/response", e.getValue());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
                assertThat(json(r).path("code").asText()).as(e.getKey()).isEqualTo("PARAM_ERROR");
            }
            assertThat(json(call("POST", C + "/" + PROCESSED + "/response", reply("x"))).path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(json(call("POST", C + "/" + IMMEDIATE + "/response", reply("x"))).path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(sim.state(REFUND)).hasValue("PENDING");
        }

        @Test
        @DisplayName("an immediate-service reply with the same idempotent_id twice is applied once, with one log_id")
        void immediate() throws Exception {
            start();
            String body = "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"message\":{\"blocks\":[{\"type\":\"TEXT\","
                    + "\"text\":{\"text\":\"马上处理\"}}],\"sender_identity\":\"MANUAL\"},\"idempotent_id\":\"k-1\"}";
            HttpResponse<byte[]> first = call("POST", C + "/" + IMMEDIATE + "/response-immediate-service", body);
            HttpResponse<byte[]> again = call("POST", C + "/" + IMMEDIATE + "/response-immediate-service", body);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(verifies(first)).isTrue();
            assertThat(json(again).path("log_id").asText()).isEqualTo(json(first).path("log_id").asText()).isNotBlank();
            assertThat(sim.historyTypes(IMMEDIATE).stream().filter("MERCHANT_RESPONSE"::equals)).hasSize(1);
            assertThat(sim.state(IMMEDIATE)).hasValue("PROCESSING");
            String noKey = body.replace(",\"idempotent_id\":\"k-1\"", "");
            assertThat(call("POST", C + "/" + IMMEDIATE + "/response-immediate-service", noKey).statusCode()).isEqualTo(400);
            assertThat(call("POST", C + "/" + REFUND + "/response-immediate-service", body.replace("k-1", "k-2")).statusCode())
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("complete processes the complaint once; a second completion is 400 INVALID_REQUEST")
        void complete() throws Exception {
            start();
            String body = "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\"}";
            assertThat(call("POST", C + "/" + SERVICE + "/complete", body).statusCode()).isEqualTo(204);
            assertThat(sim.state(SERVICE)).hasValue("PROCESSED");
            assertThat(sim.historyTypes(SERVICE)).endsWith("MERCHANT_CONFIRM_COMPLETE");
            assertThat(json(call("POST", C + "/" + SERVICE + "/complete", body)).path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(call("POST", C + "/" + REFUND + "/complete", "{}").statusCode()).isEqualTo(400);
        }

        @Test
        @DisplayName("a refund decision keeps the field rules; APPROVE waits for the refund, which processes the complaint; REJECT processes it")
        void refund() throws Exception {
            start();
            String path = C + "/" + REFUND + "/update-refund-progress";
            assertThat(call("POST", path, "{\"action\":\"APPROVE\",\"reject_reason\":\"x\"}").statusCode()).isEqualTo(400);
            assertThat(call("POST", path, "{\"action\":\"REJECT\",\"launch_refund_day\":1}").statusCode()).isEqualTo(400);
            assertThat(call("POST", path, "{\"action\":\"MAYBE\"}").statusCode()).isEqualTo(400);
            assertThat(json(call("POST", C + "/" + SERVICE + "/update-refund-progress", "{\"action\":\"APPROVE\"}")).path("code").asText())
                    .isEqualTo("INVALID_REQUEST");
            assertThat(call("POST", path, "{\"action\":\"APPROVE\",\"launch_refund_day\":0,\"remark\":\"同意\"}").statusCode())
                    .isEqualTo(204);
            assertThat(sim.state(REFUND)).hasValue("PROCESSING");
            assertThat(call("POST", path, "{\"action\":\"REJECT\"}").statusCode()).isEqualTo(400);
            WechatPaySimulator.Delivery d = sim.refundArrives(REFUND);
            assertThat(d.actionType()).isEqualTo("REFUND_SUCCESS");
            assertThat(sim.state(REFUND)).hasValue("PROCESSED");
            assertThat(sim.historyTypes(REFUND)).containsSubsequence("MERCHANT_APPROVE_REFUND", "COMPLAINT_REFUND_RECEIVED_SYSTEM_MESSAGE");
            assertThat(json(call("GET", C + "/" + REFUND, null)).path("complaint_full_refunded").asBoolean()).isTrue();

            String other = SEEDS.get(4).id(); // a pending refund request
            assertThat(call("POST", C + "/" + other + "/update-refund-progress", "{\"action\":\"REJECT\",\"reject_reason\":\"已发货\"}")
                    .statusCode()).isEqualTo(204);
            assertThat(sim.state(other)).hasValue("PROCESSED");
            assertThat(sim.historyTypes(other)).endsWith("MERCHANT_REFUSE_RERUND");
        }
    }

    @Nested
    @DisplayName("images")
    class Images {
        final byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};

        @Test
        @DisplayName("an upload is accepted meta-first or file-first, plain or chunked, signed over the meta JSON; a bad digest is 400")
        void upload() throws Exception {
            start();
            HttpResponse<byte[]> plain = sendUpload(png, "a.png", false, false, sha256(png));
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(verifies(plain)).isTrue();
            String mediaId = json(plain).path("media_id").asText();
            assertThat(sim.uploaded(mediaId)).hasValueSatisfying(b -> assertThat(b).isEqualTo(png));
            HttpResponse<byte[]> reversedChunked = sendUpload(png, "b.png", true, true, sha256(png).toUpperCase());
            assertThat(reversedChunked.statusCode()).isEqualTo(200);
            assertThat(sendUpload(png, "c.png", false, false, sha256(new byte[] {1})).statusCode()).isEqualTo(400);
            assertThat(sendUpload(png, "d.gif", false, false, sha256(png)).statusCode()).isEqualTo(400);
            assertThat(sendUpload(new byte[WechatPaySimulator.MAX_IMAGE_BYTES + 1], "e.png", false, false,
                    sha256(new byte[WechatPaySimulator.MAX_IMAGE_BYTES + 1])).statusCode()).isEqualTo(400);
            assertThat(call("GET", WechatPaySimulator.IMAGES_PATH + mediaId, null).statusCode())
                    .as("an uploaded id itself is not downloadable").isEqualTo(400);
        }

        @Test
        @DisplayName("an image used in a reply becomes a downloadable URL in the history's image_list")
        void usedInReply() throws Exception {
            start();
            String mediaId = json(sendUpload(png, "proof.png", false, false, sha256(png))).path("media_id").asText();
            String body = "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"response_content\":\"见图\",\"response_images\":[\""
                    + mediaId + "\"]}";
            assertThat(call("POST", C + "/" + REFUND + "/response", body).statusCode()).isEqualTo(204);
            JsonNode rows = json(call("GET", C + "/" + REFUND + "/negotiation-historys?limit=10&offset=0", null)).path("data");
            String url = rows.get(rows.size() - 1).path("image_list").get(0).asText();
            HttpResponse<byte[]> image = call("GET", URI.create(url).getRawPath(), null);
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).isEqualTo(png);
            assertThat(call("POST", C + "/" + REFUND + "/response", body.replace(mediaId, "UNKNOWN")).statusCode()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("notification URL")
    class NotificationUrl {
        @Test
        @DisplayName("create, show, update, delete; HTTPS only; a second create and a missing URL are 400")
        void crud() throws Exception {
            start();
            String path = WechatPaySimulator.NOTIFY_URL_PATH;
            assertThat(json(call("GET", path, null)).path("code").asText()).isEqualTo("RESOURCE_NOT_EXISTS");
            assertThat(call("POST", path, "{\"url\":\"http://shop.example.com/n\"}").statusCode()).isEqualTo(400);
            HttpResponse<byte[]> created = call("POST", path, "{\"url\":\"https://shop.example.com/n\"}");
            assertThat(json(created).path("mchid").asText()).isEqualTo(WechatPayTestKeys.MCHID);
            assertThat(call("POST", path, "{\"url\":\"https://shop.example.com/m\"}").statusCode()).isEqualTo(400);
            assertThat(json(call("PUT", path, "{\"url\":\"https://shop.example.com/m\"}")).path("url").asText())
                    .isEqualTo("https://shop.example.com/m");
            assertThat(json(call("GET", path, null)).path("url").asText()).isEqualTo("https://shop.example.com/m");
            HttpResponse<byte[]> deleted = call("DELETE", path, null);
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(deleted.headers().firstValue("Content-Type")).isPresent();
            assertThat(sim.notificationUrl()).isEmpty();
        }
    }

    @Nested
    @DisplayName("limits and faults")
    class LimitsAndFaults {
        @Test
        @DisplayName("past the per-minute limit a call is 429 FREQUENCY_LIMITED, signed; a minute later it passes")
        void rateLimit() throws Exception {
            TestClock test = TestClock.at(Instant.now());
            clock = test;
            start(WechatPaySimulator.builder().clock(test).rateLimit(WechatPaySimulator.Limit.HISTORY, 2));
            String path = C + "/" + REFUND + "/negotiation-historys?limit=10&offset=0";
            assertThat(call("GET", path, null).statusCode()).isEqualTo(200);
            assertThat(call("GET", path, null).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> limited = call("GET", path, null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).path("code").asText()).isEqualTo("FREQUENCY_LIMITED");
            assertThat(verifies(limited)).isTrue();
            assertThat(call("GET", C + "/" + REFUND, null).statusCode()).as("detail has no limit").isEqualTo(200);
            test.advance(Duration.ofSeconds(61));
            assertThat(call("GET", path, null).statusCode()).isEqualTo(200);
            assertThat(sim.rateLimitedCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("probe, tampered, unknown fields and enums, a chosen serial, an injected error and a throttle act on the next answer only")
        void probes() throws Exception {
            start();
            String path = C + "/" + REFUND;
            sim.nextProbeSignature();
            HttpResponse<byte[]> probe = call("GET", path, null);
            assertThat(probe.headers().firstValue("Wechatpay-Signature").orElseThrow()).startsWith(WechatPaySimulator.PROBE_PREFIX);
            assertThat(verifies(probe)).isFalse();
            sim.nextTamperedAnswer();
            HttpResponse<byte[]> tampered = call("GET", path, null);
            assertThat(tampered.statusCode()).isEqualTo(200);
            assertThat(verifies(tampered)).isFalse();
            assertThat(json(tampered).path("complaint_id").isTextual()).isTrue();
            sim.nextUnknownEnumValues();
            JsonNode enums = json(call("GET", path, null));
            assertThat(enums.path("complaint_state").asText()).startsWith("SIM_NEW_");
            assertThat(enums.path("user_tag_list").toString()).contains("SIM_NEW_TAG");
            sim.nextUnknownFields();
            HttpResponse<byte[]> fields = call("GET", path, null);
            assertThat(json(fields).has("sim_new_field")).isTrue();
            assertThat(verifies(fields)).isTrue();
            sim.nextAnswerSerial("PUB_KEY_ID_UNKNOWN");
            assertThat(call("GET", path, null).headers().firstValue("Wechatpay-Serial")).hasValue("PUB_KEY_ID_UNKNOWN");
            sim.nextError(400, "PARAM_ERROR", "当前查询结果数据量过大");
            assertThat(json(call("GET", path, null)).path("message").asText()).isEqualTo("当前查询结果数据量过大");
            sim.nextThrottled();
            assertThat(call("GET", path, null).statusCode()).isEqualTo(429);
            HttpResponse<byte[]> normal = call("GET", path, null);
            assertThat(verifies(normal)).isTrue();
            assertThat(json(normal).path("complaint_state").asText()).isEqualTo("PENDING");
        }

        @Test
        @DisplayName("an answer lost after the write: the reply is applied, the client sees only a dropped connection")
        void answerLost() throws Exception {
            start();
            sim.nextAnswerLost();
            assertThatThrownBy(() -> call("POST", C + "/" + REFUND + "/response",
                    "{\"complainted_mchid\":\"" + WechatPayTestKeys.MCHID + "\",\"response_content\":\"已处理\"}"))
                    .isInstanceOf(IOException.class);
            assertThat(sim.historyDetails(REFUND)).endsWith("已处理");
            assertThat(sim.state(REFUND)).hasValue("PROCESSING");
        }

        @Test
        @DisplayName("every provider fault has its next<Fault>() probe, which injects it into the next request only; no ThreadLocal fields")
        void probeNamingScheme() throws Exception {
            start();
            List<dev.complaintkit.testkit.http.Fault> own = sim.supportedFaults().stream().filter(f -> !f.isGeneric()).toList();
            assertThat(own).isNotEmpty();
            for (dev.complaintkit.testkit.http.Fault fault : own) {
                StringBuilder name = new StringBuilder("next");
                for (String word : fault.name().split("_")) {
                    name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
                }
                sim.getClass().getMethod(name.toString()).invoke(sim);
                call("GET", C + "/" + REFUND, null);
                call("GET", C + "/" + REFUND, null);
                assertThat(sim.takeRequest().fault()).as(name.toString()).contains(fault);
                assertThat(sim.takeRequest().fault()).as("the request after " + name).isEmpty();
            }
            for (java.lang.reflect.Field f : WechatPaySimulator.class.getDeclaredFields()) {
                assertThat(ThreadLocal.class.isAssignableFrom(f.getType())).as(f.getName()).isFalse();
            }
        }

        @Test
        @DisplayName("every provider fault is listed as supported, beside the generic ones")
        void faults() {
            start();
            assertThat(sim.supportedFaults()).contains(dev.complaintkit.testkit.http.Fault.THROTTLED,
                    dev.complaintkit.testkit.http.Fault.BAD_SIGNATURE, dev.complaintkit.testkit.http.Fault.MISSING_SIGNATURE,
                    dev.complaintkit.testkit.http.Fault.RESET_AFTER_HANDLING, dev.complaintkit.testkit.http.Fault.NO_RESPONSE);
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {
        final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
        SimulatorServer receiver;

        @AfterEach
        void stopReceiver() {
            if (receiver != null) {
                receiver.close();
            }
        }

        URI receiver() {
            receiver = SimulatorServer.create("receiver", r -> {
                received.add(r);
                return ScriptedResponse.of(204, "application/json", new byte[0]);
            }).start();
            return URI.create(receiver.baseUri() + "/notify");
        }

        static String decrypt(JsonNode resource) throws Exception {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(WechatPayTestKeys.API_V3_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
                    new GCMParameterSpec(128, resource.path("nonce").asText().getBytes(StandardCharsets.UTF_8)));
            c.updateAAD(resource.path("associated_data").asText().getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(Base64.getDecoder().decode(resource.path("ciphertext").asText())), StandardCharsets.UTF_8);
        }

        static boolean verifiesDelivery(RecordedRequest r) throws Exception {
            return WechatPaySimulatorTest.verifies(r.header("Wechatpay-Timestamp").orElse(""), r.header("Wechatpay-Nonce").orElse(""),
                    r.header("Wechatpay-Signature").orElse(""), r.body());
        }

        @Test
        @DisplayName("a delivery is signed and its resource decrypts with the APIv3 key; a duplicate keeps its id")
        void delivered() throws Exception {
            start();
            URI target = receiver();
            WechatPaySimulator.Delivery d = sim.notification(REFUND, "CREATE_COMPLAINT");
            assertThat(sim.deliver(d, target).accepted()).isTrue();
            assertThat(sim.deliver(d, target).accepted()).isTrue();
            assertThat(received).hasSize(2);
            JsonNode first = JSON.readTree(received.get(0).body());
            assertThat(first.path("id").asText()).isEqualTo(JSON.readTree(received.get(1).body()).path("id").asText());
            assertThat(first.path("event_type").asText()).isEqualTo("COMPLAINT.CREATE");
            assertThat(verifiesDelivery(received.get(0))).isTrue();
            assertThat(received.get(0).header("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            JsonNode plain = JSON.readTree(decrypt(first.path("resource")));
            assertThat(plain.path("complaint_id").asText()).isEqualTo(REFUND);
            assertThat(plain.path("action_type").asText()).isEqualTo("CREATE_COMPLAINT");
            assertThat(sim.deliveries()).hasSize(2);
        }

        @Test
        @DisplayName("a refused delivery is retried with the same id until the receiver takes it")
        void retried() throws Exception {
            start();
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            receiver = SimulatorServer.create("flaky", r -> {
                received.add(r);
                return calls.incrementAndGet() < 3 ? ScriptedResponse.json(500, "{\"code\":\"FAIL\",\"message\":\"busy\"}")
                        : ScriptedResponse.of(204, "application/json", new byte[0]);
            }).start();
            WechatPaySimulator.Delivery d = sim.notification(REFUND, "USER_RESPONSE");
            List<WechatPaySimulator.DeliveryResult> attempts = sim.deliverUntilAccepted(d, receiver.baseUri(),
                    List.of(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)));
            assertThat(attempts).extracting(WechatPaySimulator.DeliveryResult::status).containsExactly(500, 500, 204);
            assertThat(received).extracting(r -> JSON.readTree(r.body()).path("id").asText()).containsOnly(d.id());
        }

        @Test
        @DisplayName("probe, bad-signature, tampered and missing-signature variants do not verify; a stale one verifies but is 6 minutes old")
        void variants() throws Exception {
            start();
            for (WechatPaySimulator.NotificationVariant v : List.of(WechatPaySimulator.NotificationVariant.PROBE,
                    WechatPaySimulator.NotificationVariant.BAD_SIGNATURE, WechatPaySimulator.NotificationVariant.TAMPERED,
                    WechatPaySimulator.NotificationVariant.MISSING_SIGNATURE)) {
                WechatPaySimulator.Delivery d = sim.notification(REFUND, "USER_RESPONSE", v);
                assertThat(verifies(d.headers().getOrDefault("Wechatpay-Timestamp", ""), d.headers().getOrDefault("Wechatpay-Nonce", ""),
                        d.headers().getOrDefault("Wechatpay-Signature", ""), d.body())).as(v.name()).isFalse();
            }
            WechatPaySimulator.Delivery probe = sim.notification(REFUND, "USER_RESPONSE", WechatPaySimulator.NotificationVariant.PROBE);
            assertThat(probe.headers().get("Wechatpay-Signature")).startsWith(WechatPaySimulator.PROBE_PREFIX);
            WechatPaySimulator.Delivery stale = sim.notification(REFUND, "USER_RESPONSE", WechatPaySimulator.NotificationVariant.STALE);
            assertThat(verifies(stale.headers().get("Wechatpay-Timestamp"), stale.headers().get("Wechatpay-Nonce"),
                    stale.headers().get("Wechatpay-Signature"), stale.body())).isTrue();
            assertThat(Instant.now().getEpochSecond() - Long.parseLong(stale.headers().get("Wechatpay-Timestamp"))).isGreaterThan(300);
        }

        @Test
        @DisplayName("scenario hooks write the history and deliver their notification to the target")
        void hooks() throws Exception {
            start();
            sim.notificationTarget(receiver());
            sim.userResponds(REFUND, "还没收到退款");
            assertThat(sim.historyDetails(REFUND)).endsWith("还没收到退款");
            sim.userContinues(PROCESSED, "问题没有解决");
            assertThat(sim.state(PROCESSED)).hasValue("PENDING");
            String id = WechatPayFixtures.complaintId(TODAY, 99);
            sim.newComplaint(ComplaintSeed.of(id, java.time.OffsetDateTime.now(WechatPaySimulator.SHANGHAI)));
            assertThat(sim.complaintIds()).contains(id);
            List<String> actions = new ArrayList<>();
            for (RecordedRequest r : received) {
                assertThat(verifiesDelivery(r)).isTrue();
                actions.add(JSON.readTree(decrypt(JSON.readTree(r.body()).path("resource"))).path("action_type").asText());
            }
            assertThat(actions).containsExactly("USER_RESPONSE", "CONTINUE_COMPLAINT", "CREATE_COMPLAINT");
            assertThat(JSON.readTree(received.get(2).body()).path("event_type").asText()).isEqualTo("COMPLAINT.CREATE");
        }
    }
}
