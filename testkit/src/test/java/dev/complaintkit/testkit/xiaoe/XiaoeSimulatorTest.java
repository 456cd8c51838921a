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
            start(XiaoeSimulator.builder().tokenLifetime(Duration.ofSeconds(600)));

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

    @Test
    @DisplayName("busiestWindow counts the most instants inside any half-open window")
    void busiestWindow() {
        Instant t = Instant.parse("2024-04-19T03:25:19Z");
        List<Instant> times = List.of(t, t.plusMillis(100), t.plusMillis(9_999), t.plusMillis(10_000), t.plusMillis(10_050));

        assertThat(XiaoeSimulator.busiestWindow(times, Duration.ofSeconds(10))).isEqualTo(4);
        assertThat(XiaoeSimulator.busiestWindow(List.of(), Duration.ofSeconds(10))).isZero();
    }
}
