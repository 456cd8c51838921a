/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.testkit.ComplaintStore;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's lifecycle interfaces, checked with the test's own JCA client (not the adapter, not the simulator's code). */
class AllinpayLifecycleSimulatorTest {
    static final String SUB = "990000000000777";
    ComplaintStore store;
    AllinpaySimulator sim;

    @BeforeEach
    void start() {
        store = ComplaintStore.create().seed(3, 2);
        sim = AllinpaySimulator.builder().store(store).clock(Clock.fixed(Instant.parse("2024-04-15T00:00:00Z"), ZoneOffset.UTC))
                .testMerchant().subMerchants(AllinpayTestKeys.APPID, false, SUB).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Map<String, String> fields(String signType, String version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", AllinpayTestKeys.APPID);
        f.put("cusid", AllinpayTestKeys.CUSID);
        f.put("version", version);
        f.put("randomstr", "r" + System.nanoTime());
        f.put("signtype", signType);
        return f;
    }

    private Map<String, String> post(String op, Map<String, String> f) {
        return new WireClient(sim.endpoint(), op).post(WireClient.signed(f));
    }

    private static boolean verified(String signType, Map<String, String> answer) {
        return WireClient.verify(signType, AllinpayTestKeys.platformPublicKey(signType), "Allinpay", WireClient.canonical(answer),
                answer.get("sign"));
    }

    private String id(int i) {
        return store.complaints().get(i).id().value();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RSA", "RSA2", "SM2"})
    @DisplayName("the list pages by number in a 30-day range, total_count in the signed envelope, rows with merchantNo")
    void list(String signType) {
        Map<String, String> f = fields(signType, "11");
        f.put("begindate", "2024-03-20 00:00:00");
        f.put("enddate", "2024-04-15 00:00:00");
        f.put("current_page_num", "2");
        f.put("page_size", "2");
        Map<String, String> answer = post("wxcomplaintlistquery", f);
        assertThat(answer).containsEntry("retcode", "SUCCESS").containsEntry("total_count", "3");
        assertThat(verified(signType, answer)).isTrue();
        JsonNode rows = WireClient.records(answer);
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("complaint_id").asText()).isEqualTo(id(2));
        assertThat(rows.get(0).path("merchantNo").asText()).isEqualTo(AllinpayTestKeys.CUSID);
    }

    @Test
    @DisplayName("a range over 30 days, or a time in another format, is FAIL")
    void listRange() {
        Map<String, String> f = fields("RSA", "11");
        f.put("begindate", "2024-03-01 00:00:00");
        f.put("enddate", "2024-04-15 00:00:00");
        assertThat(post("wxcomplaintlistquery", f)).containsEntry("retcode", "FAIL").extractingByKey("retmsg").asString().contains("30天");
        f = fields("RSA", "11");
        f.put("begindate", "2024-04-01");
        f.put("enddate", "2024-04-15");
        assertThat(post("wxcomplaintlistquery", f)).containsEntry("retcode", "FAIL");
    }

    @Test
    @DisplayName("an RSA2 request signed with SHA1 (RSA's digest) is FAIL 签名验证失败")
    void rsa2NeedsSha256() {
        Map<String, String> f = fields("RSA2", "12");
        f.put("complaint_id", id(0));
        f.put("sign", WireClient.sign("RSA", AllinpayTestKeys.merchantPrivateKey("RSA"), AllinpayTestKeys.APPID, WireClient.canonical(f)));
        assertThat(new WireClient(sim.endpoint(), "wxcomplaintdetail").post(f)).containsEntry("retmsg", "签名验证失败");
    }

    @Test
    @DisplayName("reply → PROCESSING with a MERCHANT_RESPONSE row, complete → PROCESSED, then a reply is FAIL")
    void stateMachine() {
        Map<String, String> reply = fields("SM2", "11");
        reply.put("complaint_id", id(0));
        reply.put("response_content", "您好，已处理");
        Map<String, String> answer = post("complaintsResp", reply);
        assertThat(answer).containsEntry("retcode", "SUCCESS").doesNotContainKey("records");
        assertThat(verified("SM2", answer)).isTrue();
        ComplaintId c = ComplaintId.of(id(0));
        assertThat(store.find(c).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSING);
        List<NegotiationEntry> h = store.history(c).orElseThrow();
        assertThat(h.get(h.size() - 1).type()).isEqualTo(OperationType.MERCHANT_RESPONSE);
        assertThat(h.get(h.size() - 1).details()).isEqualTo("您好，已处理");

        Map<String, String> complete = fields("SM2", "11");
        complete.put("complaint_id", id(0));
        assertThat(post("complaintsComplete", complete)).containsEntry("retcode", "SUCCESS");
        assertThat(store.find(c).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSED);
        reply.put("randomstr", "again");
        reply.remove("sign");
        assertThat(post("complaintsResp", reply)).containsEntry("retcode", "FAIL");
    }

    @Test
    @DisplayName("a complaint of a sub-merchant answers only to that cusid")
    void owner() {
        sim.assignSubMerchant(id(1), SUB);
        Map<String, String> f = fields("RSA", "12");
        f.put("complaint_id", id(1));
        assertThat(post("wxcomplaintdetail", f)).containsEntry("retcode", "FAIL");
        f = fields("RSA", "12");
        f.put("cusid", SUB);
        f.put("complaint_id", id(1));
        Map<String, String> answer = post("wxcomplaintdetail", f);
        assertThat(answer).containsEntry("retcode", "SUCCESS").containsEntry("cusid", SUB);
        JsonNode d = WireClient.records(answer);
        assertThat(d.path("merchantNo").asText()).isEqualTo(SUB);
        assertThat(d.path("complaint_media_list").isArray()).isTrue();
    }

    @Test
    @DisplayName("an upload signs the form fields only: any file bytes are accepted, a changed field is FAIL; the answer is mediaid")
    void upload() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        Map<String, String> f = WireClient.signed(fields("RSA", "11"));
        Map<String, String> answer = new WireClient(sim.endpoint(), "wxmerchantimageupload").postMultipart(f, "a.png", png);
        assertThat(answer).containsEntry("retcode", "SUCCESS").containsKey("mediaid");
        assertThat(verified("RSA", answer)).isTrue();
        f.put("version", "12");
        assertThat(new WireClient(sim.endpoint(), "wxmerchantimageupload").postMultipart(f, "a.png", png))
                .containsEntry("retmsg", "签名验证失败");
        Map<String, String> image = fields("RSA", "11");
        image.put("imgurl", "https://api.mch.weixin.qq.com/v3/merchant-service/images/" + answer.get("mediaid"));
        assertThat(java.util.Base64.getDecoder().decode(post("wxgetmerchantimage", image).get("imagebase64"))).isEqualTo(png);
    }

    @Test
    @DisplayName("a notification is a form signed with the platform key; a client answering anything but success gets 6 posts")
    void notifications() throws Exception {
        byte[] body = sim.notification(id(0), "CREATE_COMPLAINT", "RSA2").body();
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(form).containsEntry("risktype", "COMPLAINTV2").containsKey("resource");
        assertThat(verified("RSA2", form)).isTrue();

        AtomicInteger posts = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", exchange -> {
            posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] out = "sccuess".getBytes(StandardCharsets.UTF_8); // the misspelling of a public client
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try {
            List<String> answers = sim.deliverNotification(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify"),
                    id(0), "CREATE_COMPLAINT", "SM2");
            assertThat(answers).hasSize(6).containsOnly("sccuess");
            assertThat(posts).hasValue(6);
        } finally {
            server.stop(0);
        }
    }
}
