/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.yima.YimaFixtures;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replies end to end: the provider against the independent simulator, over loopback HTTP. */
class YimaReplyTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final ObjectMapper JSON = new ObjectMapper();
    private YimaHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** The seed's example request, as a ReplyRequest. */
    private static ReplyRequest seedReply() {
        return ReplyRequest.builder("200201820200101080076610000").text("已与用户沟通解决")
                .image("file752398_7983424").image("file752399_7983425")
                .jumpLink("https://www.xxx.com/aaaa", "查看订单详情")
                .idempotencyKey("resp202406170000000001").build();
    }

    private static Map<String, String> seedFields() throws Exception {
        Map<String, String> f = JSON.readValue(YimaFixtures.bytes(YimaFixtures.REQUEST_JSON),
                new TypeReference<LinkedHashMap<String, String>>() {});
        f.remove("sign");
        return f;
    }

    private static Map<String, String> jsonFields(RecordedRequest r) throws Exception {
        return JSON.readValue(r.body(), new TypeReference<LinkedHashMap<String, String>>() {});
    }

    private static Map<String, String> xmlForm(RecordedRequest r) {
        return RecordedRequest.parseForm(r.bodyText(StandardCharsets.US_ASCII), GBK);
    }

    private static String transactionId(RecordedRequest r) throws Exception {
        if (r.header("Content-Type").orElse("").startsWith("application/json")) {
            return jsonFields(r).get("transaction_id");
        }
        String xml = xmlForm(r).get("xml");
        return xml.substring(xml.indexOf("<transaction_id>") + 16, xml.indexOf("</transaction_id>"));
    }

    /** The wrapped MD5, computed here on the JDK's MessageDigest: upper-case hex of MD5(secret + bytes + secret), secret in GBK. */
    private static String wrappedMd5(String secret, byte[] bytes) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(secret.getBytes(GBK));
        md5.update(bytes);
        md5.update(secret.getBytes(GBK));
        return HexFormat.of().withUpperCase().formatHex(md5.digest());
    }

    private static YimaHarness withSecret(String secret, Format format) {
        return YimaHarness.of(s -> s.secret(secret), c -> c.secret(secret).format(format));
    }

    @Nested
    @DisplayName("what goes on the wire")
    class Wire {
        @Test
        @DisplayName("JSON: the seed's request fields in the seed's order, sign as computed outside Java")
        void jsonLikeTheSeed() throws Exception {
            h = withSecret("test-secret", Format.JSON);

            h.client.reply(seedReply());

            RecordedRequest sent = h.simulator.takeRequest();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/yima/gateway");
            assertThat(sent.header("Content-Type")).contains("application/json;charset=UTF-8");
            Map<String, String> fields = jsonFields(sent);
            assertThat(fields.remove("sign")).isEqualTo("28279B42F7B5C4C62CB9811F6103A5FC");
            assertThat(fields).containsExactlyEntriesOf(seedFields());
        }

        @Test
        @DisplayName("XML: form xml=<GBK XML>&mac=…; the document is the seed's example (layout aside)")
        void xmlLikeTheSeed() throws Exception {
            h = withSecret("test-secret", Format.XML);

            h.client.reply(seedReply());

            RecordedRequest sent = h.simulator.takeRequest();
            assertThat(sent.header("Content-Type")).contains("application/x-www-form-urlencoded;charset=GBK");
            assertThat(sent.bodyText(StandardCharsets.US_ASCII)).startsWith("xml=").matches("[\\x21-\\x7E]+");
            Map<String, String> form = xmlForm(sent);
            assertThat(form).containsOnlyKeys("xml", "mac");
            String seedXml = new String(YimaFixtures.bytes(YimaFixtures.REQUEST_XML), "GBK");
            assertThat(form.get("xml").replaceAll(">\\s+<", "><").trim())
                    .isEqualTo(seedXml.replaceAll(">\\s+<", "><").trim());
        }

        @ParameterizedTest(name = "yima.sign-scheme {0}")
        @EnumSource(SignScheme.class)
        @DisplayName("XML: the mac is the upper-case MD5 of secret + GBK document + secret, whatever yima.sign-scheme says")
        void xmlMacIsTheWrappedMd5OfTheGbkDocument(SignScheme jsonScheme) throws Exception {
            h = YimaHarness.of(s -> s.secret("test-secret"), c -> c.secret("test-secret").format(Format.XML)
                    .signScheme(jsonScheme));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");

            Map<String, String> form = xmlForm(h.simulator.takeRequest());
            byte[] document = form.get("xml").getBytes(GBK);
            assertThat(form.get("mac")).isEqualTo(wrappedMd5("test-secret", document));
        }

        @Test
        @DisplayName("XML: yima.xml-mac-scheme=MD5_SORTED_KEY signs the sorted fields instead (as computed outside Java)")
        void xmlMacSortedKeyWhenSet() throws Exception {
            h = YimaHarness.of(s -> s.secret("test-secret"), c -> c.secret("test-secret").format(Format.XML)
                    .xmlMacScheme(SignScheme.MD5_SORTED_KEY));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");

            assertThat(xmlForm(h.simulator.takeRequest()).get("mac")).isEqualTo("4FB32422CE8A6A70449369769A8E33EC");
        }

        @Test
        @DisplayName("optional fields are left out when not given")
        void optionalFieldsOmitted() throws Exception {
            h = YimaHarness.json();

            h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("已处理").build());

            assertThat(jsonFields(h.simulator.takeRequest())).containsOnlyKeys("request_type", "isspid",
                    "transaction_id", "system_id", "seller_account", "complaint_id", "response_content", "sign");
        }

        @Test
        @DisplayName("a generated transaction_id: 32 characters, unique per reply")
        void generatedKeys() throws Exception {
            h = YimaHarness.json();

            ReplyReceipt first = h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("一").build());
            ReplyReceipt second = h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("二").build());

            assertThat(first.idempotencyKey()).hasSize(32).matches("ck\\d{14}[0-9a-f]{16}")
                    .isNotEqualTo(second.idempotencyKey());
            assertThat(transactionId(h.simulator.takeRequest())).isEqualTo(first.idempotencyKey());
            assertThat(h.simulator.distinctTransactionIds()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("answers")
    class Answers {
        @Test
        @DisplayName("0000 is a receipt; the simulator appends the reply to the complaint's history")
        void success() {
            h = YimaHarness.xml();

            ReplyReceipt receipt = h.client.reply(seedReply());

            assertThat(receipt).isEqualTo(new ReplyReceipt(ComplaintId.of(YimaHarness.COMPLAINT), "yima",
                    "resp202406170000000001", "0000", "回复成功"));
            assertThat(h.store.history(ComplaintId.of(YimaHarness.COMPLAINT)).orElseThrow())
                    .singleElement().satisfies(e -> {
                        assertThat(e.type()).isEqualTo(OperationType.MERCHANT_RESPONSE);
                        assertThat(e.details()).isEqualTo("已与用户沟通解决");
                        assertThat(e.images()).containsExactly("file752398_7983424", "file752399_7983425");
                    });
        }

        @Test
        @DisplayName("any other result.id is a ProviderException with the id and the comment, not retried")
        void errorCode() {
            h = YimaHarness.json();
            h.simulator.failNextReply("3001", "投诉单已完结,不可回复");

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.providerId()).isEqualTo("yima");
                        assertThat(e.code()).isEqualTo("3001");
                        assertThat(e.providerMessage()).isEqualTo("投诉单已完结,不可回复");
                        assertThat(e.isRetryable()).isFalse();
                    });
            assertThat(h.simulator.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("XML: an error answer keeps its code and comment too")
        void xmlErrorCode() {
            h = YimaHarness.xml();

            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder("unknown-complaint").text("已处理").build()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo(YimaSimulator.CODE_NO_COMPLAINT);
                        assertThat(e.providerMessage()).isEqualTo("投诉单不存在");
                    });
        }

        @Test
        @DisplayName("unknown nodes in answers are ignored (JSON and XML)")
        void unknownNodes() {
            for (Format format : Format.values()) {
                h = YimaHarness.of(s -> {}, c -> c.format(format));
                h.simulator.unknownNodes(true);

                assertThat(h.client.reply(seedReply()).code()).as(format.name()).isEqualTo("0000");
                h.close();
            }
            h = null;
        }

        @Test
        @DisplayName("XML: a bare XML answer (no form, no mac) is accepted with yima.response-signature=warn")
        void bareXmlAnswer() {
            h = YimaHarness.of(s -> {}, c -> c.format(Format.XML).responseSignature(ResponseSignature.WARN));
            h.simulator.xmlAnswer(YimaSimulator.XmlAnswer.BARE);

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");
        }

        @Test
        @DisplayName("MD5_WRAPPED works end to end in both formats")
        void wrappedScheme() {
            for (Format format : Format.values()) {
                h = YimaHarness.of(s -> s.scheme(YimaSimulator.Scheme.MD5_WRAPPED),
                        c -> c.format(format).signScheme(SignScheme.MD5_WRAPPED));

                assertThat(h.client.reply(seedReply()).code()).as(format.name()).isEqualTo("0000");
                assertThat(h.simulator.replies()).hasSize(1);
                h.close();
            }
            h = null;
        }

        @Test
        @DisplayName("JSON in GBK (yima.charset) is accepted by the simulator")
        void jsonGbk() {
            h = YimaHarness.of(s -> {}, c -> c.charset(GBK));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");
            assertThat(h.simulator.takeRequest().header("Content-Type")).contains("application/json;charset=GBK");
            assertThat(h.simulator.replies()).singleElement().extracting(YimaSimulator.Reply::content).isEqualTo("已与用户沟通解决");
        }

        @Test
        @DisplayName("an answer for another transaction_id is refused")
        void foreignTransaction() throws Exception {
            h = YimaHarness.json();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("response_type", "risk_complaints_resp_response");
            answer.put("isspid", "39493002");
            answer.put("transaction_id", "someone-else");
            answer.put("seller_account", "66660000000000001");
            answer.put("complaint_id", YimaHarness.COMPLAINT);
            Map<String, String> scalars = new LinkedHashMap<>();
            answer.forEach((k, v) -> scalars.put(k, (String) v));
            answer.put("result", Map.of("id", "0000", "comment", "回复成功"));
            answer.put("sign", new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(YimaHarness.SECRET), StandardCharsets.UTF_8)
                    .sign(Md5Signer.canonical(scalars).getBytes(StandardCharsets.UTF_8)));
            h.simulator.enqueue(ScriptedResponse.json(200, JSON.writeValueAsString(answer)));

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"))
                    .hasMessageContaining("someone-else");
        }

        @Test
        @DisplayName("a body that is not a Yima answer is a typed error")
        void notAnAnswer() {
            h = YimaHarness.json();
            h.simulator.enqueue(ScriptedResponse.of(200, "text/html", "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)));

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
        }

        @Test
        @DisplayName("an XML answer with a DOCTYPE is refused through the adapter as well")
        void doctypeAnswer() {
            h = YimaHarness.xml();
            String evil = "<?xml version=\"1.0\" encoding=\"GBK\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                    + "<business_trans><result><id>0000</id><comment>&x;</comment></result></business_trans>";
            h.simulator.enqueue(ScriptedResponse.of(200, "text/xml;charset=GBK", evil.getBytes(GBK)));

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
        }
    }

    @Nested
    @DisplayName("answer signatures")
    class Signatures {
        @Test
        @DisplayName("a wrong sign (JSON) or mac (XML form) is a SignatureException, not retried")
        void tampered() {
            for (Format format : Format.values()) {
                h = YimaHarness.of(s -> {}, c -> c.format(format));
                h.simulator.tamperNextAnswerSignature();

                assertThatThrownBy(() -> h.client.reply(seedReply())).as(format.name())
                        .isInstanceOf(SignatureException.class).hasMessageContaining("does not verify")
                        .hasMessageNotContaining(YimaHarness.SECRET);
                assertThat(h.simulator.requestCount()).isEqualTo(1);
                h.close();
            }
            h = null;
        }

        @Test
        @DisplayName("a different secret on either side: the simulator refuses the request, the client the answer")
        void wrongSecret() {
            h = YimaHarness.of(s -> s.secret("the-gateway-secret"), c -> {});

            assertThatThrownBy(() -> h.client.reply(seedReply())).isInstanceOf(SignatureException.class);
            assertThat(h.simulator.replies()).isEmpty();
        }

        @Test
        @DisplayName("JSON without sign, yima.response-signature=require (default): SignatureException")
        void unsignedRequired() {
            h = YimaHarness.json();
            h.simulator.signAnswers(false);

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("no sign")
                    .hasMessageContaining("yima.response-signature");
        }

        @Test
        @DisplayName("an unsigned error answer is still reported as the provider's error")
        void unsignedError() {
            h = YimaHarness.json();
            h.simulator.signAnswers(false);
            h.simulator.failNextReply("3001", "投诉单已完结");

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("3001"));
        }

        @Test
        @DisplayName("JSON without sign, yima.response-signature=warn: accepted with a WARNING")
        void unsignedWarn() {
            h = YimaHarness.of(s -> {}, c -> c.responseSignature(ResponseSignature.WARN));
            h.simulator.signAnswers(false);
            List<LogRecord> records = new CopyOnWriteArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            Logger logger = Logger.getLogger("dev.complaintkit.provider.yima");
            logger.addHandler(handler);
            try {
                assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");
            } finally {
                logger.removeHandler(handler);
            }
            assertThat(records).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).contains("no sign").contains("yima.response-signature=warn");
            });
        }

        @Test
        @DisplayName("warn does not excuse a wrong signature")
        void warnStillVerifies() {
            h = YimaHarness.of(s -> {}, c -> c.responseSignature(ResponseSignature.WARN));
            h.simulator.tamperNextAnswerSignature();

            assertThatThrownBy(() -> h.client.reply(seedReply())).isInstanceOf(SignatureException.class);
        }
    }

    @Nested
    @DisplayName("retries reuse the transaction_id")
    class Retries {
        @Test
        @DisplayName("JSON: the first attempt is taken then dropped; the retry carries the same id; one reply recorded")
        void droppedAfterAcceptedJson() throws Exception {
            droppedAfterAccepted(Format.JSON, null);
        }

        @Test
        @DisplayName("XML: the same, with the id the client generated")
        void droppedAfterAcceptedXml() throws Exception {
            droppedAfterAccepted(Format.XML, null);
        }

        @Test
        @DisplayName("with the caller's own key")
        void droppedAfterAcceptedCallerKey() throws Exception {
            droppedAfterAccepted(Format.JSON, "my-reply-0001");
        }

        private void droppedAfterAccepted(Format format, String key) throws Exception {
            h = YimaHarness.of(s -> {}, c -> c.format(format));
            h.simulator.dropConnectionAfterNextReply();
            ReplyRequest.Builder b = ReplyRequest.builder(YimaHarness.COMPLAINT).text("已与用户沟通解决");
            if (key != null) {
                b.idempotencyKey(key);
            }

            ReplyReceipt receipt = h.client.reply(b.build());

            List<RecordedRequest> sent = h.simulator.requests();
            assertThat(sent).hasSize(2);
            assertThat(transactionId(sent.get(0))).isEqualTo(transactionId(sent.get(1))).isEqualTo(receipt.idempotencyKey());
            if (key != null) {
                assertThat(receipt.idempotencyKey()).isEqualTo(key);
            }
            assertThat(h.simulator.replies()).hasSize(1);
            assertThat(h.simulator.distinctTransactionIds()).isEqualTo(1);
            assertThat(h.store.history(ComplaintId.of(YimaHarness.COMPLAINT)).orElseThrow()).hasSize(1);
        }

        @Test
        @DisplayName("a 503 without a Yima answer is retried with the same id")
        void serverErrorRetried() throws Exception {
            h = YimaHarness.json();
            h.simulator.enqueue(ScriptedResponse.text(503, "busy", StandardCharsets.UTF_8));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");

            assertThat(h.simulator.requests()).hasSize(2).allSatisfy(r ->
                    assertThat(transactionId(r)).isEqualTo("resp202406170000000001"));
        }

        @Test
        @DisplayName("a 429 is a rate-limit error, retried with the same id")
        void throttledRetried() throws Exception {
            h = YimaHarness.json();
            h.simulator.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");

            assertThat(h.simulator.requests()).hasSize(2).allSatisfy(r ->
                    assertThat(transactionId(r)).isEqualTo("resp202406170000000001"));
            assertThat(h.simulator.replies()).hasSize(1);
        }

        @Test
        @DisplayName("a 408 without a Yima answer is retryable: retried with the same id")
        void requestTimeoutRetried() throws Exception {
            h = YimaHarness.json();
            h.simulator.enqueue(ScriptedResponse.text(408, "Request Timeout", StandardCharsets.UTF_8));

            assertThat(h.client.reply(seedReply()).code()).isEqualTo("0000");

            assertThat(h.simulator.requests()).hasSize(2).allSatisfy(r ->
                    assertThat(transactionId(r)).isEqualTo("resp202406170000000001"));
            assertThat(h.simulator.replies()).hasSize(1);
        }

        @Test
        @DisplayName("a 429's Retry-After (seconds or an HTTP date) is the rate-limit error's wait")
        void retryAfterHonoured() {
            h = YimaHarness.json();
            try (ComplaintClient once = Complaints.builder().provider(new YimaProvider()).config(h.config)
                    .retryPolicy(RetryPolicy.none()).build()) {
                h.simulator.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8)
                        .withHeader("Retry-After", "7"));
                assertThatThrownBy(() -> once.reply(seedReply()))
                        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                            assertThat(e.code()).isEqualTo("HTTP_429");
                            assertThat(e.isRetryable()).isTrue();
                            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                        });

                String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
                h.simulator.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8)
                        .withHeader("Retry-After", inAMinute));
                assertThatThrownBy(() -> once.reply(seedReply()))
                        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
                                wait -> assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60))));
            }
        }

        @Test
        @DisplayName("an HTML 502 page from a proxy in front of an XML gateway is a retryable HTTP_502, not INVALID_RESPONSE")
        void proxyPageBeforeXmlGateway() {
            h = YimaHarness.xml();
            try (ComplaintClient once = Complaints.builder().provider(new YimaProvider()).config(h.config)
                    .retryPolicy(RetryPolicy.none()).build()) {
                h.simulator.enqueue(ScriptedResponse.of(502, "text/html", ("<!DOCTYPE html><html><body>Bad Gateway"
                        + "</body></html>").getBytes(StandardCharsets.US_ASCII)));
                assertThatThrownBy(() -> once.reply(seedReply()))
                        .isInstanceOfSatisfying(ProviderException.class, e -> {
                            assertThat(e.code()).isEqualTo("HTTP_502");
                            assertThat(e.isRetryable()).isTrue();
                        });
            }
        }

        @Test
        @DisplayName("a 4xx without a Yima answer is a typed error, not retried")
        void clientErrorNotRetried() {
            h = YimaHarness.json();
            h.simulator.enqueue(ScriptedResponse.text(404, "not found", StandardCharsets.UTF_8));

            assertThatThrownBy(() -> h.client.reply(seedReply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("HTTP_404"));
            assertThat(h.simulator.requestCount()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("discovery")
    class Discovery {
        @Test
        @DisplayName("ServiceLoader finds 'yima' with REPLY; a client from yima.* properties replies")
        void fromProperties() {
            h = YimaHarness.xml();
            assertThat(Complaints.discover().find("yima")).get().isInstanceOf(YimaProvider.class)
                    .extracting(p -> p.capabilities()).isEqualTo(java.util.Set.of(Capability.DETAIL, Capability.REPLY));
            Map<String, String> props = Map.of(
                    "yima.endpoint", h.simulator.endpoint().toString(),
                    "yima.isspid", "39493002", "yima.system-id", "8888", "yima.seller-account", "66660000000000001",
                    "yima.secret", YimaHarness.SECRET, "yima.format", "xml", "yima.sign-scheme", "md5-sorted-key");

            try (ComplaintClient client = Complaints.client("yima", props)) {
                assertThat(client.reply(seedReply()).code()).isEqualTo("0000");
            }
        }
    }
}
