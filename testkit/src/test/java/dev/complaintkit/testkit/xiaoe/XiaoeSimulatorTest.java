/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.testkit.ComplaintStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class XiaoeSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private XiaoeSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private XiaoeSimulator start(XiaoeSimulator.Builder builder) {
        sim = builder.build().start();
        return sim;
    }

    private JsonNode token(String app, String client, String secret, String grant) throws Exception {
        String q = "app_id=" + enc(app) + "&client_id=" + enc(client) + "&secret_key=" + enc(secret) + "&grant_type=" + enc(grant);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + XiaoeSimulator.TOKEN_PATH + "?" + q))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String validToken() throws Exception {
        JsonNode t = token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential");
        assertThat(t.get("code").asInt()).isZero();
        return t.get("data").get("access_token").asText();
    }

    private JsonNode list(ObjectNode body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + XiaoeSimulator.LIST_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private ObjectNode listBody(String token) {
        ObjectNode b = JSON.createObjectNode();
        b.put("access_token", token);
        b.put("complaint_id", "");
        b.put("state", "");
        b.put("channel_type", 0);
        b.put("is_overtime", 0);
        b.put("page", 1);
        b.put("page_size", 10);
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("serves the seed's example rows exactly as the seed shows them (numbers stay numbers, 1970 closed_at)")
    void servesTheSeedShape() throws Exception {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()));

        JsonNode answer = list(listBody(validToken()));

        JsonNode seed = JSON.readTree(XiaoeFixtures.exampleResponse());
        assertThat(answer.get("code").asInt()).isZero();
        assertThat(answer.get("msg").asText()).isEqualTo(seed.get("msg").asText());
        assertThat(answer.get("data").get("list")).isEqualTo(seed.get("data").get("list"));
        assertThat(answer.get("data").get("total").asInt()).isEqualTo(2);
    }

    @Nested
    @DisplayName("token endpoint")
    class Tokens {
        @Test
        @DisplayName("issues a token with the configured lifetime for the right credentials")
        void issues() throws Exception {
            start(XiaoeSimulator.builder().tokenLifetime(Duration.ofMinutes(10)));

            JsonNode t = token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential");

            assertThat(t.get("code").asInt()).isZero();
            assertThat(t.get("data").get("expires_in").asLong()).isEqualTo(600);
            assertThat(sim.validTokens()).containsExactly(t.get("data").get("access_token").asText());
            assertThat(sim.tokenRequestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("refuses missing or wrong credentials with Xiaoe's codes")
        void refuses() throws Exception {
            start(XiaoeSimulator.builder());
            String app = XiaoeSimulator.APP_ID;
            String client = XiaoeSimulator.CLIENT_ID;
            String secret = XiaoeSimulator.SECRET_KEY;

            assertThat(token("", client, secret, "client_credential").get("code").asInt()).isEqualTo(2001);
            assertThat(token("app_other", client, secret, "client_credential").get("code").asInt()).isEqualTo(2002);
            assertThat(token(app, client, "", "client_credential").get("code").asInt()).isEqualTo(2003);
            assertThat(token(app, client, "wrong", "client_credential").get("code").asInt()).isEqualTo(2004);
            assertThat(token(app, client, secret, "").get("code").asInt()).isEqualTo(2005);
            assertThat(token(app, client, "wrong", "client_credential").get("data").isNull()).isTrue();
            assertThat(sim.validTokens()).isEmpty();
        }

        @Test
        @DisplayName("a new token retires the previous one after the grace; expireTokens() expires all")
        void retires() throws Exception {
            start(XiaoeSimulator.builder().previousTokenGrace(Duration.ZERO));
            String first = validToken();
            String second = validToken();

            assertThat(list(listBody(first)).get("code").asInt()).isEqualTo(2008);
            assertThat(list(listBody(second)).get("code").asInt()).isZero();
            sim.expireTokens();
            assertThat(list(listBody(second)).get("code").asInt()).isEqualTo(2008);
        }

        @Test
        @DisplayName("limits token requests per window with 2053")
        void limitsTokenRequests() throws Exception {
            start(XiaoeSimulator.builder().tokenRateLimit(2, Duration.ofMinutes(10)));
            validToken();
            validToken();

            JsonNode third = token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential");

            assertThat(third.get("code").asInt()).isEqualTo(2053);
        }
    }

    @Nested
    @DisplayName("complaint list")
    class Listing {
        @Test
        @DisplayName("2007 without a token, 2008 with an unknown one")
        void needsAToken() throws Exception {
            start(XiaoeSimulator.builder());

            assertThat(list(listBody("")).get("code").asInt()).isEqualTo(2007);
            assertThat(list(listBody("xe_unknown")).get("code").asInt()).isEqualTo(2008);
            assertThat(sim.apiCalls()).extracting(XiaoeSimulator.ApiCall::code).containsExactly(2007, 2008);
        }

        @Test
        @DisplayName("filters by state, channel, overdue, time range and id, newest first, paged with a total")
        void filtersAndPages() throws Exception {
            ComplaintStore store = XiaoeFixtures.largeDataSet();
            start(XiaoeSimulator.builder().store(store));
            String token = validToken();
            List<JsonNode> seedRows = new ArrayList<>();
            JSON.readTree(XiaoeFixtures.largeDataSetJson()).forEach(seedRows::add);

            ObjectNode pending = listBody(token).put("state", 0).put("channel_type", 1).put("is_overtime", 2).put("page_size", 7);
            JsonNode first = list(pending);
            JsonNode second = list(pending.put("page", 2));

            long expected = seedRows.stream().filter(r -> r.get("state").asInt() == 0 && r.get("channel_type").asInt() == 1
                    && r.get("is_overtime").asInt() == 2).count();
            assertThat(first.get("data").get("total").asLong()).isEqualTo(expected).isGreaterThan(14);
            List<JsonNode> both = new ArrayList<>();
            first.get("data").get("list").forEach(both::add);
            second.get("data").get("list").forEach(both::add);
            assertThat(both).hasSize(14).allSatisfy(r -> {
                assertThat(r.get("state").asInt()).isZero();
                assertThat(r.get("channel_type").asInt()).isEqualTo(1);
                assertThat(r.get("is_overtime").asInt()).isEqualTo(2);
            });
            Set<String> ids = new HashSet<>();
            both.forEach(r -> ids.add(r.get("complaint_id").asText()));
            assertThat(ids).hasSize(14);
            List<String> times = both.stream().map(r -> r.get("complaint_time").asText()).toList();
            assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

            JsonNode one = seedRows.get(10);
            String at = one.get("complaint_time").asText();
            JsonNode exact = list(listBody(token).put("start_time", at).put("end_time", at).put("page_size", 100));
            assertThat(exact.get("data").get("list")).extracting(r -> r.get("complaint_id").asText())
                    .contains(one.get("complaint_id").asText());
            JsonNode byId = list(listBody(token).put("complaint_id", one.get("complaint_id").asText()));
            assertThat(byId.get("data").get("list")).containsExactly(one);
            assertThat(byId.get("data").get("total").asInt()).isEqualTo(1);
        }

        @Test
        @DisplayName("enforces the rate limit with 2053 over a sliding window, and logs every call")
        void rateLimit() throws Exception {
            start(XiaoeSimulator.builder().rateLimit(3, Duration.ofMinutes(1)));
            String token = validToken();

            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                codes.add(list(listBody(token)).get("code").asInt());
            }

            assertThat(codes).containsExactly(0, 0, 0, 2053, 2053);
            assertThat(sim.rateLimitedCount()).isEqualTo(2);
            assertThat(sim.apiCalls()).hasSize(5);
        }

        @Test
        @DisplayName("an injected error answers the next list call once")
        void injectedError() throws Exception {
            start(XiaoeSimulator.builder());
            String token = validToken();
            sim.injectApiError(2017, "无此接口权限");

            JsonNode refused = list(listBody(token));
            JsonNode fine = list(listBody(token));

            assertThat(refused.get("code").asInt()).isEqualTo(2017);
            assertThat(refused.get("msg").asText()).isEqualTo("无此接口权限");
            assertThat(fine.get("code").asInt()).isZero();
        }
    }

    @Nested
    @DisplayName("hostile fault shapes and extreme numbers")
    class HostileShapes {
        private String rawList(ObjectNode body) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + XiaoeSimulator.LIST_PATH))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body();
        }

        @Test
        @DisplayName("TINY_EXPONENT_NUMBERS: every scalar of data is the bare number 1e-999999999, in a small body")
        void tinyExponentNumbers() throws Exception {
            start(XiaoeSimulator.builder().store(ComplaintStore.create().seed(2, 0)));
            String token = validToken();
            sim.inject(dev.complaintkit.testkit.http.Fault.TINY_EXPONENT_NUMBERS);

            String body = rawList(listBody(token));

            assertThat(body).contains("\"complaint_id\":1e-999999999").contains("\"complaint_time\":1e-999999999")
                    .contains("\"total\":1e-999999999").contains("\"code\":0").doesNotContain("__tiny");
            assertThat(body.length()).isLessThan(4096);
            assertThat(JSON.readTree(body).get("data").get("list")).hasSize(2);
        }

        @Test
        @DisplayName("OVERSIZED_PAGE: more rows than page_size asked for, repeating rows when the store has too few")
        void oversizedPage() throws Exception {
            start(XiaoeSimulator.builder().store(ComplaintStore.create().seed(1, 0)));
            String token = validToken();
            sim.inject(dev.complaintkit.testkit.http.Fault.OVERSIZED_PAGE);

            JsonNode answer = list(listBody(token));

            assertThat(answer.get("code").asInt()).isZero();
            assertThat(answer.get("data").get("list").size()).isGreaterThan(10);
            assertThat(list(listBody(token)).get("data").get("list")).hasSize(1);
        }

        @Test
        @DisplayName("SECRET_ECHOED_ENCODED: code 400 whose message has the request's secret percent-encoded and in Base64, never as is")
        void secretEchoedEncoded() throws Exception {
            start(XiaoeSimulator.builder());
            sim.inject(dev.complaintkit.testkit.http.Fault.SECRET_ECHOED_ENCODED);

            JsonNode tokenAnswer = token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential");
            String token = validToken();
            sim.inject(dev.complaintkit.testkit.http.Fault.SECRET_ECHOED_ENCODED);
            JsonNode listAnswer = list(listBody(token));

            assertThat(tokenAnswer.get("code").asInt()).isEqualTo(400);
            assertThat(tokenAnswer.get("msg").asText()).doesNotContain(XiaoeSimulator.SECRET_KEY)
                    .contains("secret_key=%73%69%6d%2d") // "sim-", every byte escaped in lower-case hex
                    .contains(java.util.Base64.getEncoder().encodeToString(XiaoeSimulator.SECRET_KEY.getBytes(StandardCharsets.UTF_8)));
            assertThat(listAnswer.get("code").asInt()).isEqualTo(400);
            assertThat(listAnswer.get("msg").asText()).doesNotContain(token).contains("access_token=%78%65%5f"); // "xe_"
        }

        @Test
        @DisplayName("page and page_size near 2^63 give an empty page, not a wrapped-around one; a lifetime of 2^63-1 s is served")
        void extremeNumbers() throws Exception {
            start(XiaoeSimulator.builder().store(ComplaintStore.create().seed(5, 0)).tokenLifetime(Duration.ofSeconds(Long.MAX_VALUE)));
            JsonNode t = token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential");
            assertThat(t.get("data").get("expires_in").asLong()).isEqualTo(Long.MAX_VALUE);
            String token = t.get("data").get("access_token").asText();

            for (long[] paging : new long[][] {{Long.MAX_VALUE, Long.MAX_VALUE}, {1L << 62, 4}, {(1L << 61) + 1, 8}}) {
                ObjectNode body = listBody(token);
                body.put("page", paging[0]);
                body.put("page_size", paging[1]);

                JsonNode answer = list(body);

                assertThat(answer.get("code").asInt()).as(java.util.Arrays.toString(paging)).isZero();
                assertThat(answer.get("data").get("list")).as(java.util.Arrays.toString(paging)).isEmpty();
                assertThat(answer.get("data").get("total").asInt()).isEqualTo(5);
            }
            ObjectNode all = listBody(token);
            all.put("page_size", Long.MAX_VALUE);
            assertThat(list(all).get("data").get("list")).hasSize(5);
        }
    }

    @Test
    @DisplayName("busiestWindow counts the most instants inside any half-open window")
    void busiestWindow() {
        Instant t = Instant.parse("2024-04-19T03:25:19Z");
        List<Instant> times = List.of(t, t.plusMillis(100), t.plusMillis(9_999), t.plusMillis(10_000), t.plusMillis(10_050));

        assertThat(XiaoeSimulator.busiestWindow(times, Duration.ofSeconds(10))).isEqualTo(4);
        assertThat(XiaoeSimulator.busiestWindow(List.of(), Duration.ofSeconds(10))).isZero();
    }

    @Test
    @DisplayName("nextError and nextTokenError answer the next list call / token request once; nextThrottled the next list call")
    void nextProbes() throws Exception {
        start(XiaoeSimulator.builder());
        sim.nextTokenError(2004, "secret_key错误");
        assertThat(token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY, "client_credential")
                .get("code").asInt()).isEqualTo(2004);
        String token = validToken();
        sim.nextError(2017, "无此接口权限");
        assertThat(list(listBody(token)).get("code").asInt()).isEqualTo(2017);
        sim.nextThrottled();
        assertThat(list(listBody(token)).get("code").asInt()).isEqualTo(2053);
        assertThat(list(listBody(token)).get("code").asInt()).isZero();
    }

    @Test
    @DisplayName("THROTTLED met by a token request answers that token request and throttles the next list call")
    void throttledOnTheTokenRequest() throws Exception {
        start(XiaoeSimulator.builder());
        sim.nextThrottled();
        String token = validToken();
        assertThat(list(listBody(token)).get("code").asInt()).isEqualTo(2053);
        assertThat(list(listBody(token)).get("code").asInt()).isZero();
    }

    @Test
    @DisplayName("each endpoint accepts its own method only; an unknown path is 2052")
    void endpointTable() throws Exception {
        start(XiaoeSimulator.builder());
        HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + XiaoeSimulator.TOKEN_PATH))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(wrongMethod.body()).get("code").asInt()).isEqualTo(2055);
        assertThat(JSON.readTree(unknown.body()).get("code").asInt()).isEqualTo(2052);
        assertThat(sim.tokenRequestCount()).isZero();
    }

    private JsonNode post(String path, ObjectNode body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Nested
    @DisplayName("the detail endpoints")
    class Details {
        private static final String WX = "c_66a1b2c3d4e5f_WxPay001";

        private ComplaintStore store() {
            ComplaintStore store = XiaoeFixtures.exampleStore();
            java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2024, 4, 19, 11, 25, 19, 0, java.time.ZoneOffset.ofHours(8));
            store.add(new dev.complaintkit.model.Complaint(dev.complaintkit.model.ComplaintId.of(WX), "store",
                    dev.complaintkit.model.ComplaintState.PENDING, dev.complaintkit.model.Channel.WECHAT_PAY, "未收到货", at,
                    java.util.Optional.empty(), false, java.util.Optional.empty(), "139****0001", "o_1",
                    java.util.Map.of("wechat_complaint_id", "200000020240419112519000001")), List.of(
                    new dev.complaintkit.model.NegotiationEntry("r1", "投诉人", at, dev.complaintkit.model.OperationType.USER_CREATE_COMPLAINT,
                            "USER_CREATE_COMPLAINT", "未收到货", List.of(), List.of("https://x/1.png")),
                    new dev.complaintkit.model.NegotiationEntry("r2", "商户", at.plusHours(1),
                            dev.complaintkit.model.OperationType.MERCHANT_RESPONSE, "MERCHANT_RESPONSE", "已补发", List.of(), List.of())));
            return store;
        }

        @Test
        @DisplayName("info.get: the info shape with its own current_step, sub_mch_id for WeChat complaints and the history as reply_list")
        void info() throws Exception {
            start(XiaoeSimulator.builder().store(store()));
            ObjectNode body = JSON.createObjectNode().put("access_token", validToken()).put("complaint_id", WX);

            JsonNode a = post(XiaoeSimulator.INFO_PATH, body);

            assertThat(a.get("code").asInt()).isZero();
            JsonNode d = a.get("data");
            assertThat(d.get("complaint_id").asText()).isEqualTo(WX);
            assertThat(d.get("state").asInt()).isZero();
            assertThat(d.get("current_step").asInt()).as("the merchant replied last: B端回复").isEqualTo(2);
            assertThat(d.get("sub_mch_id").asText()).isEqualTo(XiaoeSimulator.DEFAULT_SUB_MCH_ID);
            assertThat(d.get("complaint_content_msg").asText()).as("empty for WeChat-channel complaints").isEmpty();
            assertThat(d.get("reply_list")).hasSize(2);
            assertThat(d.get("reply_list").get(0).get("reply_from").asInt()).isEqualTo(1);
            assertThat(d.get("reply_list").get(1).get("reply_from").asInt()).isEqualTo(2);
            assertThat(d.get("reply_list").get(1).get("reply_time").asText()).isEqualTo("2024-04-19 12:25:19");
            assertThat(d.get("uploaded_images").get(0).asText()).isEqualTo("https://x/1.png");
            assertThat(sim.detailCalls(XiaoeSimulator.INFO_PATH)).hasSize(1);
            assertThat(sim.apiCalls()).as("list calls only").isEmpty();
        }

        @Test
        @DisplayName("the pass-through detail: WeChat's shape by WeChat's id and sub_mch_id; a wrong sub_mch_id is 400, an unknown id 3001")
        void passThrough() throws Exception {
            start(XiaoeSimulator.builder().store(store()));
            String token = validToken();

            JsonNode ok = post(XiaoeSimulator.PASS_THROUGH_PATH, JSON.createObjectNode().put("access_token", token)
                    .put("id", "200000020240419112519000001").put("sub_mch_id", XiaoeSimulator.DEFAULT_SUB_MCH_ID));
            JsonNode wrongSub = post(XiaoeSimulator.PASS_THROUGH_PATH, JSON.createObjectNode().put("access_token", token)
                    .put("id", "200000020240419112519000001").put("sub_mch_id", "1"));
            JsonNode unknown = post(XiaoeSimulator.PASS_THROUGH_PATH, JSON.createObjectNode().put("access_token", token)
                    .put("id", "1").put("sub_mch_id", XiaoeSimulator.DEFAULT_SUB_MCH_ID));

            assertThat(ok.get("code").asInt()).isZero();
            assertThat(ok.get("data").get("complaint_state").asText()).isEqualTo("PENDING");
            assertThat(ok.get("data").get("complaint_time").asText()).isEqualTo("2024-04-19T11:25:19+08:00");
            assertThat(ok.get("data").get("complaint_order_info").get(0).get("amount").asLong()).isEqualTo(1000);
            assertThat(wrongSub.get("code").asInt()).isEqualTo(400);
            assertThat(unknown.get("code").asInt()).isEqualTo(XiaoeSimulator.CODE_NOT_FOUND);
        }

        @Test
        @DisplayName("each detail endpoint has its own budget: the pass-through answers 2053 past 60 per minute, info still answers")
        void ownBudgets() throws Exception {
            start(XiaoeSimulator.builder().store(store()).passThroughRateLimit(2, Duration.ofMinutes(1)));
            String token = validToken();
            ObjectNode wx = JSON.createObjectNode().put("access_token", token).put("id", "200000020240419112519000001")
                    .put("sub_mch_id", XiaoeSimulator.DEFAULT_SUB_MCH_ID);

            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                codes.add(post(XiaoeSimulator.PASS_THROUGH_PATH, wx).get("code").asInt());
            }

            assertThat(codes).containsExactly(0, 0, 2053);
            assertThat(post(XiaoeSimulator.INFO_PATH, JSON.createObjectNode().put("access_token", token).put("complaint_id", WX))
                    .get("code").asInt()).isZero();
            assertThat(post(XiaoeSimulator.INFO_PATH, JSON.createObjectNode().put("complaint_id", WX)).get("code").asInt())
                    .isEqualTo(2007);
        }
    }
}
