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
        sim = YimaSimulator.builder().secret("test-secret").scheme(scheme)
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
}
