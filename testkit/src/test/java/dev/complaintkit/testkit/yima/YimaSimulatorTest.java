/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.RecordedRequest;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator on its own, driven with raw HTTP and the seed's examples. Signatures are known
 * answers computed outside Java (Python's hashlib) with the secret {@code test-secret}.
 */
class YimaSimulatorTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String COMPLAINT = "200201820200101080076610000";

    private YimaSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private YimaSimulator start(YimaSimulator.Scheme scheme) {
        sim = YimaSimulator.builder().secret("test-secret").scheme(scheme).xmlMacScheme(scheme)
                .store(ComplaintStore.create().addHistory(COMPLAINT, List.of())).build().start();
        return sim;
    }

    private HttpResponse<byte[]> post(String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(sim.endpoint()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ObjectNode seedJsonRequest(String sign) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(YimaFixtures.bytes(YimaFixtures.REQUEST_JSON));
        request.put("sign", sign);
        return request;
    }

    @Test
    @DisplayName("fixtures: the XML examples are GBK bytes with the GBK declaration; JSON is UTF-8")
    void fixtures() {
        byte[] xml = YimaFixtures.bytes(YimaFixtures.REQUEST_XML);
        assertThat(new String(xml, GBK)).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<business_trans>\n")
                .contains("<jump_url><![CDATA[https://www.xxx.com/aaaa]]></jump_url>");
        assertThat(xml).containsSequence("已与".getBytes(GBK));
        assertThat(new String(YimaFixtures.bytes(YimaFixtures.RESPONSE_XML), GBK)).contains("<comment>回复成功</comment>");
        assertThat(new String(YimaFixtures.bytes(YimaFixtures.RESPONSE_JSON), StandardCharsets.UTF_8))
                .contains("\"sign\": \"824FE953936278AEE61CA8CEE8A08C86\"");
    }

    @Test
    @DisplayName("JSON: the seed's request with a good sign is accepted; the answer echoes it and is signed")
    void jsonAccepted() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);

        HttpResponse<byte[]> response = post("application/json;charset=UTF-8",
                JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC")));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("result").path("id").asText()).isEqualTo("0000");
        assertThat(answer.path("response_type").asText()).isEqualTo("risk_complaints_resp_response");
        assertThat(answer.path("transaction_id").asText()).isEqualTo("resp202406170000000001");
        assertThat(answer.path("sign").asText()).isEqualTo("081758A63AE0D91A5D333D7C5D864D3F");
        assertThat(sim.replies()).singleElement().satisfies(r -> {
            assertThat(r.images()).containsExactly("file752398_7983424", "file752399_7983425");
            assertThat(r.format()).isEqualTo("json");
        });
    }

    @Test
    @DisplayName("JSON: a wrong sign is refused with 1002 and nothing is recorded")
    void jsonBadSign() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);

        HttpResponse<byte[]> response = post("application/json",
                JSON.writeValueAsBytes(seedJsonRequest("38279B42F7B5C4C62CB9811F6103A5FC")));

        assertThat(JSON.readTree(response.body()).path("result").path("id").asText())
                .isEqualTo(YimaSimulator.CODE_BAD_SIGNATURE);
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("a repeated transaction_id is the same reply: answered 0000 again, recorded once")
    void idempotent() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        byte[] body = JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC"));

        HttpResponse<byte[]> first = post("application/json", body);
        HttpResponse<byte[]> second = post("application/json", body);

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(sim.replies()).hasSize(1);
        assertThat(sim.distinctTransactionIds()).isEqualTo(1);
        assertThat(sim.requestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("XML form: the seed's GBK document with mac = MD5(secret + xml + secret) is accepted")
    void xmlFormAccepted() throws Exception {
        start(YimaSimulator.Scheme.MD5_WRAPPED);
        String document = new String(YimaFixtures.bytes(YimaFixtures.REQUEST_XML), GBK);
        String form = "xml=" + URLEncoder.encode(document, GBK) + "&mac=36895A614F885C0C8609AF0CD1C28F77";

        HttpResponse<byte[]> response = post("application/x-www-form-urlencoded;charset=GBK",
                form.getBytes(StandardCharsets.US_ASCII));

        Map<String, String> answer = RecordedRequest.parseForm(new String(response.body(), StandardCharsets.US_ASCII), GBK);
        assertThat(answer.get("xml")).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>")
                .contains("<id>0000</id>").contains("<comment>回复成功</comment>");
        assertThat(answer.get("mac")).hasSize(32);
        assertThat(sim.replies()).singleElement().extracting(YimaSimulator.Reply::content).isEqualTo("已与用户沟通解决");
    }

    @Test
    @DisplayName("XML form: jump_url outside CDATA is refused with 1004")
    void xmlJumpUrlNeedsCdata() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        String document = new String(YimaFixtures.bytes(YimaFixtures.REQUEST_XML), GBK)
                .replace("<![CDATA[https://www.xxx.com/aaaa]]>", "https://www.xxx.com/aaaa");
        String form = "xml=" + URLEncoder.encode(document, GBK) + "&mac=4FB32422CE8A6A70449369769A8E33EC";

        HttpResponse<byte[]> response = post("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII));

        String xml = RecordedRequest.parseForm(new String(response.body(), StandardCharsets.US_ASCII), GBK).get("xml");
        assertThat(xml).contains("<id>" + YimaSimulator.CODE_BAD_FIELD + "</id>").contains("CDATA");
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("XML form: a DOCTYPE is refused by the hardened parser")
    void xmlDoctypeRefused() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        String document = "<?xml version=\"1.0\" encoding=\"GBK\"?><!DOCTYPE business_trans [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><business_trans><response_content>&x;</response_content></business_trans>";
        String form = "xml=" + URLEncoder.encode(document, GBK) + "&mac=00000000000000000000000000000000";

        HttpResponse<byte[]> response = post("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII));

        String xml = RecordedRequest.parseForm(new String(response.body(), StandardCharsets.US_ASCII), GBK).get("xml");
        assertThat(xml).contains("<id>" + YimaSimulator.CODE_BAD_MESSAGE + "</id>").doesNotContain("root:");
    }

    /** The sorted-key MD5 over the given fields, computed here on its own (the seed's scheme). */
    private static String sortedKeyMd5(Map<String, String> fields, String secret) throws Exception {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign") && !v.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v);
            }
        });
        byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                .digest((sb + "&key=" + secret).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().withUpperCase().formatHex(md5);
    }

    private static Map<String, String> scalars(JsonNode answer) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        answer.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    @Test
    @DisplayName("a repeated transaction_id for another complaint is answered with the first reply's echoes, not recorded")
    void repeatedKeyAnswersFirstEchoes() throws Exception {
        sim = YimaSimulator.builder().secret("test-secret").store(ComplaintStore.create()
                .addHistory(COMPLAINT, List.of()).addHistory("200201820200101080076612345", List.of())).build().start();
        post("application/json", JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC")));
        ObjectNode other = seedJsonRequest("");
        other.remove("sign");
        other.put("complaint_id", "200201820200101080076612345");
        other.put("response_content", "另一条回复");
        Map<String, String> fields = scalars(other);
        other.put("sign", sortedKeyMd5(fields, "test-secret"));

        JsonNode answer = JSON.readTree(post("application/json", JSON.writeValueAsBytes(other)).body());

        assertThat(answer.path("result").path("id").asText()).isEqualTo("0000");
        assertThat(answer.path("complaint_id").asText()).isEqualTo(COMPLAINT);
        assertThat(sim.replies()).singleElement().extracting(YimaSimulator.Reply::content).isEqualTo("已与用户沟通解决");
    }

    @Test
    @DisplayName("FOLDED_VALUES: transaction_id folded into seller_account, signed like the unfolded captured answer")
    void foldedValuesFault() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        sim.inject(dev.complaintkit.testkit.http.Fault.FOLDED_VALUES);

        JsonNode answer = JSON.readTree(post("application/json",
                JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC"))).body());

        assertThat(answer.has("transaction_id")).isFalse();
        String seller = answer.path("seller_account").asText();
        assertThat(seller).startsWith("66660000000000001&transaction_id=").doesNotEndWith("=resp202406170000000001");
        Map<String, String> unfolded = scalars(answer);
        unfolded.put("seller_account", "66660000000000001");
        unfolded.put("transaction_id", seller.substring(seller.indexOf('=') + 1));
        assertThat(answer.path("sign").asText()).isEqualTo(sortedKeyMd5(unfolded, "test-secret"));
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("REPLAYED_ANSWER: a correctly signed success for another complaint; BARE_UNSIGNED_ANSWER: the bare probe")
    void replayedAndBareFaults() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        byte[] request = JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC"));
        sim.inject(dev.complaintkit.testkit.http.Fault.REPLAYED_ANSWER);

        JsonNode replayed = JSON.readTree(post("application/json", request).body());

        assertThat(replayed.path("complaint_id").asText()).isNotEqualTo(COMPLAINT).isNotEmpty();
        assertThat(replayed.path("transaction_id").asText()).isEqualTo("resp202406170000000001");
        assertThat(replayed.path("sign").asText()).isEqualTo(sortedKeyMd5(scalars(replayed), "test-secret"));
        sim.inject(dev.complaintkit.testkit.http.Fault.BARE_UNSIGNED_ANSWER);
        assertThat(new String(post("application/json", request).body(), StandardCharsets.US_ASCII))
                .isEqualTo("<business_trans><result><id>0000</id></result></business_trans>");
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("INVALID_CHARSET_BYTES: the answer carries 0xFF inside result.comment, in JSON and in XML")
    void invalidCharsetBytesFault() throws Exception {
        start(YimaSimulator.Scheme.MD5_WRAPPED);
        sim.inject(dev.complaintkit.testkit.http.Fault.INVALID_CHARSET_BYTES);
        String document = new String(YimaFixtures.bytes(YimaFixtures.REQUEST_XML), GBK);
        String form = "xml=" + URLEncoder.encode(document, GBK) + "&mac=36895A614F885C0C8609AF0CD1C28F77";

        byte[] body = post("application/x-www-form-urlencoded;charset=GBK", form.getBytes(StandardCharsets.US_ASCII)).body();

        assertThat(new String(body, StandardCharsets.US_ASCII)).contains("%3Ccomment%3E%FF");
    }

    @Test
    @DisplayName("forgeNextOutcome with signResult: result.id says 0000, the sign is the error's")
    void forgedOutcome() throws Exception {
        sim = YimaSimulator.builder().secret("test-secret").signResult(true)
                .store(ComplaintStore.create().addHistory(COMPLAINT, List.of())).build().start();
        sim.forgeNextOutcome();

        JsonNode answer = JSON.readTree(post("application/json",
                JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC"))).body());

        assertThat(answer.path("result").path("id").asText()).isEqualTo("0000");
        Map<String, String> signed = scalars(answer);
        signed.put("result.comment", answer.path("result").path("comment").asText());
        signed.put("result.id", "0000");
        assertThat(answer.path("sign").asText()).isNotEqualTo(sortedKeyMd5(signed, "test-secret"));
        signed.put("result.id", "3001");
        signed.put("result.comment", "投诉单已完结,不可回复");
        assertThat(answer.path("sign").asText()).isEqualTo(sortedKeyMd5(signed, "test-secret"));
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("the wire format is chosen from the Content-Type: a form is answered as the XML form, any other type in JSON")
    void wireFormatChosenOnce() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);

        HttpResponse<byte[]> form = post("application/x-www-form-urlencoded;charset=GBK", "xml=%3Cx%2F%3E".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> text = post("text/plain", "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(form.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("x-www-form-urlencoded"));
        assertThat(new String(form.body(), StandardCharsets.US_ASCII)).startsWith("xml=").contains("%3Cid%3E" + YimaSimulator.CODE_BAD_MESSAGE);
        JsonNode json = JSON.readTree(text.body());
        assertThat(json.path("result").path("id").asText()).isEqualTo(YimaSimulator.CODE_BAD_MESSAGE);
        assertThat(json.path("result").path("comment").asText()).contains("unsupported Content-Type 'text/plain'");
    }

    @Test
    @DisplayName("next<Fault>() probes and nextError act on the next request only")
    void nextProbes() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        byte[] request = JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC"));
        sim.nextError("3002", "暂不可回复");
        JsonNode refused = JSON.readTree(post("application/json", request).body());
        assertThat(refused.path("result").path("id").asText()).isEqualTo("3002");
        sim.nextMissingSignature();
        JsonNode unsigned = JSON.readTree(post("application/json", request).body());
        assertThat(unsigned.path("result").path("id").asText()).isEqualTo(YimaSimulator.CODE_SUCCESS);
        assertThat(unsigned.has("sign")).isFalse();
        JsonNode repeated = JSON.readTree(post("application/json", request).body());
        assertThat(repeated.path("sign").asText()).isEqualTo(sortedKeyMd5(scalars(repeated), "test-secret"));
        assertThat(sim.replies()).hasSize(1);
    }

    /** The 4.71 detail request for {@link #COMPLAINT}, signed (MD5_SORTED_KEY, test-secret) as computed with Python's hashlib. */
    private static ObjectNode detailRequest(String requestType) {
        ObjectNode r = JSON.createObjectNode();
        r.put("request_type", requestType);
        r.put("isspid", "39493002");
        r.put("transaction_id", "det202404190000000001");
        r.put("system_id", "8888");
        r.put("seller_account", "66660000000000001");
        r.put("complaint_id", COMPLAINT);
        r.put("sign", "667A576B329FE0BAA3849C597B7A7BAA");
        return r;
    }

    @Test
    @DisplayName("detail (4.71): the stored complaint comes nested under detail in WeChat's shape, signed over the top-level scalars")
    void detailJson() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);

        JsonNode answer = JSON.readTree(post("application/json;charset=UTF-8",
                JSON.writeValueAsBytes(detailRequest(YimaSimulator.DETAIL_REQUEST_TYPE))).body());

        assertThat(answer.path("response_type").asText()).isEqualTo("risk_complaints_detail_response");
        assertThat(answer.path("result").path("id").asText()).isEqualTo("0000");
        JsonNode detail = answer.path("detail");
        assertThat(detail.path("complaint_id").asText()).isEqualTo(COMPLAINT);
        assertThat(detail.path("complaint_state").asText()).isEqualTo("PENDING");
        assertThat(detail.path("complaint_time").asText()).isEqualTo("2024-04-01T09:00:00+08:00");
        assertThat(detail.path("incoming_user_response").isBoolean()).isTrue();
        assertThat(detail.path("apply_refund_amount").asLong()).isEqualTo(1000);
        assertThat(answer.path("sign").asText()).isEqualTo("2057BEAE1E806879647AE837B8E17708");
        assertThat(sim.replies()).isEmpty();
    }

    @Test
    @DisplayName("detail: with signDetail every scalar of detail is signed by its path (detail.user_tag_list[0], …)")
    void detailSignedFlattened() throws Exception {
        sim = YimaSimulator.builder().secret("test-secret").signDetail(true)
                .store(ComplaintStore.create().addHistory(COMPLAINT, List.of())).build().start();

        JsonNode answer = JSON.readTree(post("application/json;charset=UTF-8",
                JSON.writeValueAsBytes(detailRequest(YimaSimulator.DETAIL_REQUEST_TYPE))).body());

        assertThat(answer.path("sign").asText()).isEqualTo("E4B785948E4AF9F9B8A384590DA26D14");
    }

    @Test
    @DisplayName("detail: the spelling the simulator does not serve is refused with 1004, answered in the asked type")
    void detailOtherSpellingRefused() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        ObjectNode request = detailRequest(YimaSimulator.WX_DETAIL_REQUEST_TYPE);
        request.put("sign", "34D393B9538D722758723D48B01453E8"); // a good sign: the type itself is refused

        JsonNode answer = JSON.readTree(post("application/json;charset=UTF-8", JSON.writeValueAsBytes(request)).body());

        assertThat(answer.path("result").path("id").asText()).isEqualTo(YimaSimulator.CODE_BAD_FIELD);
        assertThat(answer.path("response_type").asText()).isEqualTo("risk_wxcomplaint_detail_response");
    }

    @Test
    @DisplayName("a reply moves a PENDING complaint to PROCESSING in the store")
    void replyMovesState() throws Exception {
        start(YimaSimulator.Scheme.MD5_SORTED_KEY);
        post("application/json;charset=UTF-8", JSON.writeValueAsBytes(seedJsonRequest("28279B42F7B5C4C62CB9811F6103A5FC")));

        JsonNode detail = JSON.readTree(post("application/json;charset=UTF-8",
                JSON.writeValueAsBytes(detailRequest(YimaSimulator.DETAIL_REQUEST_TYPE))).body()).path("detail");

        assertThat(detail.path("complaint_state").asText()).isEqualTo("PROCESSING");
        assertThat(detail.path("incoming_user_response").asBoolean()).isFalse();
    }
}
