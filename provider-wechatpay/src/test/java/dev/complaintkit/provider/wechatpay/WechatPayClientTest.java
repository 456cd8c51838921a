/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.Secret;
import dev.complaintkit.SharedState;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.ProblemType;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The WeChat Pay provider through {@link ComplaintClient}, against a wire stub that checks every
 * request's {@code Authorization} and signs every answer with the test kit's independent
 * {@link WechatPayServerCrypto} (no adapter code on the server side).
 */
class WechatPayClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String BASE = "http://127.0.0.1:9";
    static final String ID = "200201820240612093015000001";
    static final String PHONE = "13800138000";

    /** A scripted WeChat Pay: routes by method and path, refuses unsigned requests, signs answers. */
    static final class Stub implements HttpTransport {
        final WechatPayServerCrypto crypto = WechatPayServerCrypto.forTestMerchant();
        final List<Request> requests = new ArrayList<>();
        final Map<String, Function<Request, Answer>> routes = new LinkedHashMap<>();
        boolean tamperNext;
        boolean probeNext;
        boolean loseNextAnswer;

        record Answer(int status, String body, boolean signed) {
            static Answer ok(String json) {
                return new Answer(200, json, true);
            }

            static Answer noContent() {
                return new Answer(204, "", true);
            }
        }

        Stub route(String methodAndPathPrefix, Function<Request, Answer> handler) {
            routes.put(methodAndPathPrefix, handler);
            return this;
        }

        @Override
        public synchronized Response exchange(Request request) {
            requests.add(request);
            String raw = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
            byte[] signedBody = request.body();
            String contentType = request.headers().getOrDefault("Content-Type", "");
            if (contentType.startsWith("multipart/")) {
                signedBody = metaOf(request.body());
            }
            Optional<String> problem = crypto.checkAuthorization(request.headers().get("Authorization"), request.method(), raw,
                    signedBody, Instant.now().getEpochSecond());
            if (problem.isPresent()) {
                return new Response(401, Map.of("Content-Type", List.of("application/json"), "Request-ID", List.of("r-401")),
                        ("{\"code\":\"SIGN_ERROR\",\"message\":\"" + problem.get().replace("\"", "'") + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            Answer answer = null;
            for (Map.Entry<String, Function<Request, Answer>> e : routes.entrySet()) {
                if ((request.method() + " " + raw).startsWith(e.getKey())) {
                    answer = e.getValue().apply(request);
                    break;
                }
            }
            if (answer == null) {
                answer = new Answer(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"no route\"}", true);
            }
            if (loseNextAnswer) {
                loseNextAnswer = false;
                throw new TransportException("connection reset after the request was handled", new IOException("reset"), true);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Content-Type", List.of("application/json"));
            headers.put("Request-ID", List.of("req-" + requests.size()));
            if (answer.signed()) {
                crypto.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, Instant.now().getEpochSecond(),
                        "n" + requests.size(), body).forEach((k, v) -> headers.put(k, List.of(v)));
                if (tamperNext) {
                    tamperNext = false;
                    body = answer.body().replace("a", "b").getBytes(StandardCharsets.UTF_8);
                }
                if (probeNext) {
                    probeNext = false;
                    headers.put("Wechatpay-Signature", List.of("WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature").get(0)));
                }
            }
            return new Response(answer.status(), headers, body);
        }

        /** @return the meta part's bytes of a multipart body */
        static byte[] metaOf(byte[] multipart) {
            String s = new String(multipart, StandardCharsets.ISO_8859_1);
            int start = s.indexOf("name=\"meta\"");
            int body = s.indexOf("\r\n\r\n", start) + 4;
            int end = s.indexOf("\r\n--", body);
            return s.substring(body, end).getBytes(StandardCharsets.ISO_8859_1);
        }

        List<Request> paths(String prefix) {
            return requests.stream().filter(r -> (r.method() + " " + r.uri().getRawPath()).startsWith(prefix)).toList();
        }
    }

    static String complaintJson(String id, String state, boolean immediate) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("complaint_id", id);
        c.put("complaint_time", OffsetDateTime.now(SHANGHAI).minusDays(2).withNano(0).toString());
        c.put("complaint_detail", "课程无法观看");
        c.put("complaint_state", state);
        c.put("complainted_mchid", WechatPayTestKeys.MCHID);
        c.put("payer_phone", WechatPayServerCrypto.forTestMerchant().encryptForMerchant(PHONE));
        c.put("complaint_order_info", List.of(Map.of("transaction_id", "4200001", "out_trade_no", "o-1", "amount", 990)));
        c.put("complaint_media_list", List.of(Map.of("media_type", "USER_COMPLAINT_IMAGE",
                "media_url", List.of("https://api.mch.weixin.qq.com/v3/merchant-service/images/abc%3D%3D"))));
        c.put("complaint_full_refunded", false);
        c.put("incoming_user_response", true);
        c.put("problem_description", "申请退款");
        c.put("user_complaint_times", 1);
        c.put("problem_type", "REFUND");
        c.put("apply_refund_amount", 990);
        c.put("user_tag_list", List.of("TRUSTED", "SOMETHING_NEW"));
        c.put("need_immediate_service", immediate);
        c.put("a_field_wechat_adds_later", Map.of("x", 1));
        return JSON.writeValueAsString(c);
    }

    static String historyJson(List<Map<String, Object>> rows) throws IOException {
        return JSON.writeValueAsString(Map.of("data", rows, "limit", 300, "offset", 0, "total_count", rows.size()));
    }

    static WechatPayConfig config() {
        return WechatPayConfig.builder().endpoint(BASE).mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey()).build();
    }

    static ComplaintClient client(Stub stub) {
        return Complaints.builder().provider(new WechatPayProvider()).config(config()).transport(stub)
                .sharedState(SharedState.isolated()).requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .build();
    }

    @Nested
    @DisplayName("settings")
    class Settings {
        @Test
        @DisplayName("properties build the same configuration; toString and describe show no key or secret")
        void fromProperties() {
            WechatPayConfig c = WechatPayConfig.fromProperties(Map.of("wechatpay.endpoint", "backup",
                    "wechatpay.mchid", WechatPayTestKeys.MCHID, "wechatpay.merchant-serial", WechatPayTestKeys.MERCHANT_SERIAL,
                    "wechatpay.private-key", WechatPayTestKeys.merchantPrivateKey(), "wechatpay.api-v3-key", WechatPayTestKeys.API_V3_KEY,
                    "wechatpay.platform-public-key-id", WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
                    "wechatpay.platform-public-key", WechatPayTestKeys.platformPublicKey(),
                    "wechatpay.platform-certificates", WechatPayTestKeys.platformCertificate(),
                    "wechatpay.response-content-limit", "500"));
            assertThat(c.endpoint()).isEqualTo(WechatPayConfig.BACKUP);
            assertThat(c.responseContentLimit()).isEqualTo(500);
            assertThat(c.verificationKeys().serials()).hasSize(2);
            assertThat(c.toString() + c.describe()).doesNotContain(WechatPayTestKeys.API_V3_KEY).doesNotContain("PRIVATE KEY")
                    .doesNotContain(WechatPayTestKeys.merchantPrivateKey().substring(40, 80));
        }

        @Test
        @DisplayName("every bad setting is reported at once, by key, never with a secret's value; unknown keys too")
        void everyViolationAtOnce() {
            assertThatThrownBy(() -> WechatPayConfig.fromProperties(Map.of("wechatpay.mchid", "12ab",
                    "wechatpay.api-v3-key", "short-secret-value", "wechatpay.privat-key", "x")))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field).contains("wechatpay.mchid",
                                "wechatpay.merchant-serial", "wechatpay.api-v3-key", "wechatpay.private-key",
                                "wechatpay.privat-key");
                        assertThat(e.getMessage()).doesNotContain("short-secret-value");
                    });
        }

        @Test
        @DisplayName("plain HTTP to a non-loopback host is refused")
        void httpsOnly() {
            assertThatThrownBy(() -> WechatPayConfig.builder().endpoint("http://api.mch.weixin.qq.com").mchid("1")
                    .merchantSerial("AB").privateKey(WechatPayTestKeys.merchantPrivateKey())
                    .apiV3Key(Secret.of(WechatPayTestKeys.API_V3_KEY))
                    .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey()).build())
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.violations()).extracting(Violation::field).contains("wechatpay.endpoint"));
        }

        @Test
        @DisplayName("the provider is found through ServiceLoader by its id")
        void discovered() {
            assertThat(Complaints.discover().ids()).contains("wechatpay");
        }
    }

    @Nested
    @DisplayName("reading")
    class Reading {
        @Test
        @DisplayName("60 days are listed in 30-day windows, newest first; complainted_mchid is never empty; rows map; payer_phone stays ciphertext")
        void listSplitsIntoWindows() throws IOException {
            String row = complaintJson(ID, "PENDING", false);
            Stub stub = new Stub().route("GET /v3/merchant-service/complaints-v2?", r -> Stub.Answer.ok(
                    "{\"data\":[" + row + "],\"limit\":50,\"offset\":0,\"total_count\":1}"));
            LocalDate today = LocalDate.now(SHANGHAI);
            List<Complaint> all = client(stub).complaints(ComplaintFilter.builder()
                    .between(today.minusDays(59).atStartOfDay(SHANGHAI).toInstant(), today.atStartOfDay(SHANGHAI).toInstant())
                    .build()).toList();
            assertThat(all).hasSize(2).allSatisfy(c -> {
                assertThat(c.id().value()).isEqualTo(ID);
                assertThat(c.state()).isEqualTo(ComplaintState.PENDING);
                assertThat(c.complainantPhone()).isEmpty();
                assertThat(c.extra()).containsEntry("complainted_mchid", WechatPayTestKeys.MCHID);
            });
            List<HttpTransport.Request> lists = stub.paths("GET /v3/merchant-service/complaints-v2");
            assertThat(lists).hasSize(2);
            for (HttpTransport.Request r : lists) {
                Map<String, String> q = query(r.uri());
                LocalDate begin = LocalDate.parse(q.get("begin_date"));
                LocalDate end = LocalDate.parse(q.get("end_date"));
                assertThat(begin.plusDays(29)).isAfterOrEqualTo(end);
                assertThat(q.get("complainted_mchid")).isEqualTo(WechatPayTestKeys.MCHID);
                assertThat(Integer.parseInt(q.get("limit"))).isLessThanOrEqualTo(50);
            }
            assertThat(query(lists.get(0).uri()).get("end_date")).isEqualTo(today.toString());
            assertThat(lists.get(0).headers()).containsEntry("Wechatpay-Serial", WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
        }

        @Test
        @DisplayName("a list page over 50 is a validation error, and nothing is sent")
        void listLimit() {
            Stub stub = new Stub();
            assertThatThrownBy(() -> client(stub).complaintsPage(ComplaintFilter.all(),
                    dev.complaintkit.model.PageRequest.first(51))).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("50");
            assertThat(stub.requests).isEmpty();
        }

        @Test
        @DisplayName("a detail maps orders, problem type, refund amount, tags (unknown kept), media; the phone is revealed only on request")
        void detailAndReveal() throws IOException {
            String row = complaintJson(ID, "PROCESSING", false);
            Stub stub = new Stub().route("GET /v3/merchant-service/complaints-v2/" + ID, r -> Stub.Answer.ok(row));
            ComplaintClient client = client(stub);
            ComplaintDetail d = client.detail(ComplaintId.of(ID));
            assertThat(d.orders()).singleElement().satisfies(o -> {
                assertThat(o.transactionId()).isEqualTo("4200001");
                assertThat(o.amountFen()).hasValue(990);
            });
            assertThat(d.problemType()).isEqualTo(ProblemType.REFUND);
            assertThat(d.requestedRefundFen()).hasValue(990);
            assertThat(d.userTags()).containsExactly("TRUSTED", "SOMETHING_NEW");
            assertThat(d.media()).singleElement().satisfies(m -> assertThat(m.urls()).hasSize(1));
            assertThat(d.toString()).doesNotContain(PHONE);
            assertThat(d.phone().ciphertext()).isPresent();
            assertThat(client.revealPhone(d).number()).isEqualTo(PHONE);
        }

        @Test
        @DisplayName("a tampered answer and a signature probe are SignatureExceptions; 401 SIGN_ERROR (unsigned) is a ProviderException")
        void signatures() throws IOException {
            String row = complaintJson(ID, "PENDING", false);
            Stub stub = new Stub().route("GET /v3/merchant-service/complaints-v2/", r -> Stub.Answer.ok(row));
            ComplaintClient client = client(stub);
            stub.tamperNext = true;
            assertThatThrownBy(() -> client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class);
            stub.probeNext = true;
            assertThatThrownBy(() -> client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("probe");
            Stub unsigned = new Stub().route("GET /v3/merchant-service/complaints-v2/", r -> new Stub.Answer(401,
                    "{\"code\":\"SIGN_ERROR\",\"message\":\"错误的签名,验签失败\"}", false));
            assertThatThrownBy(() -> client(unsigned).detail(ComplaintId.of(ID)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("SIGN_ERROR");
                        assertThat(e.isRetryable()).isFalse();
                    });
        }

        @Test
        @DisplayName("a signed 400 keeps WeChat's code and message; a 429 is a retryable RateLimitedException")
        void errors() {
            Stub bad = new Stub().route("GET /v3/merchant-service/complaints-v2/", r -> new Stub.Answer(400,
                    "{\"code\":\"PARAM_ERROR\",\"message\":\"limit 参数错误\"}", true));
            assertThatThrownBy(() -> client(bad).detail(ComplaintId.of(ID)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("PARAM_ERROR");
                        assertThat(e.getMessage()).contains("limit 参数错误").contains("req-");
                    });
            Stub busy = new Stub().route("GET /v3/merchant-service/complaints-v2/", r -> new Stub.Answer(429,
                    "{\"code\":\"RATE_LIMITED\",\"message\":\"频率超限\"}", true));
            assertThatThrownBy(() -> client(busy).detail(ComplaintId.of(ID)))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.isRetryable()).isTrue());
        }
    }

    @Nested
    @DisplayName("writing")
    class Writing {
        Stub replying(boolean immediate, List<Map<String, Object>> history) throws IOException {
            String row = complaintJson(ID, "PENDING", immediate);
            return new Stub()
                    .route("GET /v3/merchant-service/complaints-v2/" + ID + "/negotiation-historys", r -> {
                        try {
                            return Stub.Answer.ok(historyJson(history));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .route("GET /v3/merchant-service/complaints-v2/" + ID, r -> Stub.Answer.ok(row))
                    .route("POST /v3/merchant-service/complaints-v2/" + ID + "/response-immediate-service",
                            r -> Stub.Answer.ok("{\"log_id\":\"L1\"}"))
                    .route("POST /v3/merchant-service/complaints-v2/" + ID + "/response", r -> {
                        history.add(Map.of("log_id", "L" + history.size(), "operator", "商户",
                                "operate_time", OffsetDateTime.now(SHANGHAI).withNano(0).toString(),
                                "operate_type", "MERCHANT_RESPONSE", "operate_details", body(r).path("response_content").asText()));
                        return Stub.Answer.noContent();
                    });
        }

        @Test
        @DisplayName("an emoji in the reply is a validation error naming the field, and nothing is sent")
        void emojiRefused() throws IOException {
            Stub stub = replying(false, new ArrayList<>());
            assertThatThrownBy(() -> client(stub).reply(ReplyRequest.builder(ID).text("您好 😀").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).contains("text"));
            assertThat(stub.requests).isEmpty();
        }

        @Test
        @DisplayName("a reply posts complainted_mchid, response_content and the jump link, and answers 204")
        void reply() throws IOException {
            Stub stub = replying(false, new ArrayList<>());
            ReplyReceipt receipt = client(stub).reply(ReplyRequest.builder(ID).text("已退款，请查收")
                    .jumpLink("https://shop.example.com/o/1", "查看订单").build());
            assertThat(receipt.complaintId().value()).isEqualTo(ID);
            JsonNode sent = body(stub.paths("POST /v3/merchant-service/complaints-v2/" + ID + "/response").get(0));
            assertThat(sent.path("complainted_mchid").asText()).isEqualTo(WechatPayTestKeys.MCHID);
            assertThat(sent.path("response_content").asText()).isEqualTo("已退款，请查收");
            assertThat(sent.path("jump_url_text").asText()).isEqualTo("查看订单");
            assertThat(sent.has("complaint_id")).isFalse();
        }

        @Test
        @DisplayName("a complaint that needs immediate service is answered through response-immediate-service with an idempotent_id")
        void immediateService() throws IOException {
            Stub stub = replying(true, new ArrayList<>());
            client(stub).reply(ReplyRequest.builder(ID).text("马上为您处理").build());
            List<HttpTransport.Request> posts = stub.paths("POST /v3/merchant-service/complaints-v2/" + ID + "/response-immediate-service");
            assertThat(posts).hasSize(1);
            assertThat(body(posts.get(0)).path("idempotent_id").asText()).isNotBlank();
            assertThat(stub.paths("POST /v3/merchant-service/complaints-v2/" + ID + "/response\u0000")).isEmpty();
        }

        @Test
        @DisplayName("a reply whose answer is lost is found in the history and never posted twice")
        void lostReplyReconciled() throws IOException {
            List<Map<String, Object>> history = new ArrayList<>();
            Stub stub = replying(false, history);
            ComplaintClient client = client(stub);
            client.detail(ComplaintId.of(ID)); // learns need_immediate_service=false
            stub.loseNextAnswer = true;
            ReplyReceipt receipt = client.reply(ReplyRequest.builder(ID).text("已处理完毕").build());
            assertThat(receipt.reconciled()).isTrue();
            assertThat(stub.paths("POST /v3/merchant-service/complaints-v2/" + ID + "/response")).hasSize(1);
        }

        @Test
        @DisplayName("a refund approval sends launch_refund_day only; a rejection its reason and images only")
        void refundFields() {
            Stub stub = new Stub().route("POST /v3/merchant-service/complaints-v2/" + ID + "/update-refund-progress",
                    r -> Stub.Answer.noContent());
            ComplaintClient client = client(stub);
            client.decideRefund(RefundDecision.approve(ComplaintRef.of(ID)).refundInDays(3).remark("已同意").build());
            client.decideRefund(RefundDecision.reject(ComplaintRef.of(ID)).reason("已发货").image("m1").build());
            List<HttpTransport.Request> posts = stub.paths("POST /v3/merchant-service/complaints-v2/" + ID);
            JsonNode approve = body(posts.get(0));
            JsonNode reject = body(posts.get(1));
            assertThat(approve.path("action").asText()).isEqualTo("APPROVE");
            assertThat(approve.path("launch_refund_day").asInt()).isEqualTo(3);
            assertThat(approve.has("reject_reason")).isFalse();
            assertThat(reject.path("action").asText()).isEqualTo("REJECT");
            assertThat(reject.has("launch_refund_day")).isFalse();
            assertThat(reject.path("reject_media_list").get(0).asText()).isEqualTo("m1");
        }

        @Test
        @DisplayName("an upload signs the meta JSON byte for byte (the stub verifies it); a name with quotes stays valid JSON")
        void upload() {
            Stub stub = new Stub().route("POST /v3/merchant-service/images/upload", r -> {
                byte[] meta = Stub.metaOf(r.body());
                JsonNode m;
                try {
                    m = JSON.readTree(meta);
                } catch (IOException e) {
                    return new Stub.Answer(400, "{\"code\":\"PARAM_ERROR\",\"message\":\"meta\"}", true);
                }
                return Stub.Answer.ok("{\"media_id\":\"MID-" + m.path("filename").asText().length() + "\"}");
            });
            String id = client(stub).uploadImage(new ImageUpload("a \"quoted\" name.png", new byte[] {1, 2, 3})).mediaId();
            assertThat(id).isEqualTo("MID-19");
            assertThatThrownBy(() -> client(stub).uploadImage(new ImageUpload("big.png", new byte[2 * 1024 * 1024 + 1])))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> client(stub).uploadImage(new ImageUpload("x.gif", new byte[] {1})))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        @DisplayName("a media URL is downloaded by its raw path, and its unsigned answer is accepted")
        void download() {
            Stub stub = new Stub().route("GET /v3/merchant-service/images/abc%3D%3D", r -> new Stub.Answer(200, "PNGDATA", false));
            byte[] bytes = client(stub).downloadImage("https://api.mch.weixin.qq.com/v3/merchant-service/images/abc%3D%3D").bytes();
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("PNGDATA");
            assertThat(stub.requests.get(0).uri().getRawPath()).isEqualTo("/v3/merchant-service/images/abc%3D%3D");
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {
        final WechatPayServerCrypto crypto = WechatPayServerCrypto.forTestMerchant();

        NotificationDelivery delivery(String id, long timestamp, boolean withSignature) {
            byte[] body = crypto.complaintNotification(id, OffsetDateTime.now(SHANGHAI).withNano(0).toString(),
                    "COMPLAINT.CREATE", "产生新投诉", "abcdefghijkl", ID, "CREATE_COMPLAINT");
            Map<String, String> headers = new LinkedHashMap<>(crypto.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
                    timestamp, "nonce-" + id, body));
            headers.put("Content-Type", "application/json");
            if (!withSignature) {
                headers.remove("Wechatpay-Signature");
            }
            return NotificationDelivery.of("POST", headers, body);
        }

        @Test
        @DisplayName("a signed, encrypted notification is one event even when delivered three times; a missing signature header is refused, never a bypass")
        void verifiedOnceAndFailClosed() {
            ComplaintClient client = client(new Stub());
            NotificationDelivery d = delivery("EV-1", Instant.now().getEpochSecond(), true);
            NotificationResult first = client.receive(d);
            assertThat(first).isInstanceOfSatisfying(NotificationResult.Accepted.class, a -> {
                assertThat(a.event().complaintId().value()).isEqualTo(ID);
                assertThat(a.event().action()).isEqualTo("CREATE_COMPLAINT");
                assertThat(a.reply().isSuccess()).isTrue();
            });
            assertThat(client.receive(d)).isInstanceOf(NotificationResult.Duplicate.class);
            assertThat(client.receive(d)).isInstanceOf(NotificationResult.Duplicate.class);
            assertThat(client.receive(delivery("EV-2", Instant.now().getEpochSecond(), false)))
                    .isInstanceOfSatisfying(NotificationResult.Refused.class, r -> {
                        assertThat(r.reason()).isEqualTo(NotificationResult.Reason.SIGNATURE);
                        assertThat(r.reply().isSuccess()).isFalse();
                    });
            assertThat(client.receive(delivery("EV-3", Instant.now().getEpochSecond() - 600, true)))
                    .isInstanceOfSatisfying(NotificationResult.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(NotificationResult.Reason.STALE));
        }

        @Test
        @DisplayName("a notification whose resource was encrypted under another APIv3 key is refused as undecryptable")
        void wrongKey() {
            WechatPayServerCrypto other = new WechatPayServerCrypto(WechatPayTestKeys.MCHID, WechatPayTestKeys.MERCHANT_SERIAL,
                    WechatPayTestKeys.merchantPublicKey(), WechatPayTestKeys.platformPrivateKey(), "0123456789abcdef0123456789abcdef");
            byte[] body = other.complaintNotification("EV-9", OffsetDateTime.now(SHANGHAI).withNano(0).toString(),
                    "COMPLAINT.CREATE", "s", "abcdefghijkl", ID, "CREATE_COMPLAINT");
            Map<String, String> headers = crypto.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
                    Instant.now().getEpochSecond(), "n9", body);
            AtomicBoolean refused = new AtomicBoolean();
            NotificationResult r = client(new Stub()).receive(NotificationDelivery.of("POST", headers, body));
            if (r instanceof NotificationResult.Refused x) {
                refused.set(x.reason() == NotificationResult.Reason.DECRYPTION);
            }
            assertThat(refused).isTrue();
        }
    }

    static JsonNode body(HttpTransport.Request r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String kv : uri.getRawQuery().split("&", -1)) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
