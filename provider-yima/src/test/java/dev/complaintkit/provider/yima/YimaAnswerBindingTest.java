/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What binds an answer to the reply it answers: its echoes, the shape of its signed fields, its
 * signature over the outcome where the gateway signs it, its transport, its bytes.
 */
class YimaAnswerBindingTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "bind-0001";
    private YimaHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static ReplyRequest reply() {
        return ReplyRequest.builder(YimaHarness.COMPLAINT).text("已与用户沟通解决").idempotencyKey(KEY).build();
    }

    /** The echoes of a correct answer to {@link #reply()}. */
    private static Map<String, String> echoes() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("response_type", "risk_complaints_resp_response");
        e.put("isspid", "39493002");
        e.put("transaction_id", KEY);
        e.put("seller_account", "66660000000000001");
        e.put("complaint_id", YimaHarness.COMPLAINT);
        return e;
    }

    private static String sortedKeySign(Map<String, String> signed, Charset cs) {
        return new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(YimaHarness.SECRET), cs)
                .sign(Md5Signer.canonical(signed).getBytes(cs));
    }

    /** A JSON answer with the given top-level scalars and result, signed over the scalars. */
    private static ScriptedResponse signedJson(Map<String, String> scalars, String id) throws Exception {
        Map<String, Object> answer = new LinkedHashMap<>(scalars);
        answer.put("result", Map.of("id", id, "comment", "回复成功"));
        answer.put("sign", sortedKeySign(scalars, StandardCharsets.UTF_8));
        return ScriptedResponse.json(200, JSON.writeValueAsString(answer));
    }

    /**
     * An XML form answer with the given top-level scalars and result, its mac the default one: the
     * upper-case MD5 of secret + GBK document + secret, computed here on the JDK's MessageDigest.
     */
    private static ScriptedResponse signedXmlForm(Map<String, String> scalars, String id) throws Exception {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<business_trans>\n");
        scalars.forEach((k, v) -> x.append('<').append(k).append('>').append(v.replace("&", "&amp;"))
                .append("</").append(k).append(">\n"));
        x.append("<result><id>").append(id).append("</id><comment>回复成功</comment></result>\n</business_trans>\n");
        byte[] document = x.toString().getBytes(GBK);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(YimaHarness.SECRET.getBytes(GBK));
        md5.update(document);
        md5.update(YimaHarness.SECRET.getBytes(GBK));
        String body = "xml=" + URLEncoder.encode(x.toString(), GBK) + "&mac=" + HexFormat.of().withUpperCase().formatHex(md5.digest());
        return ScriptedResponse.of(200, "application/x-www-form-urlencoded;charset=GBK",
                body.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProviderException invalidResponse(Throwable t) {
        assertThat(t).isInstanceOf(ProviderException.class);
        ProviderException e = (ProviderException) t;
        assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
        assertThat(e.isRetryable()).isFalse();
        return e;
    }

    @Nested
    @DisplayName("the outcome (result) and yima.sign-result")
    class Outcome {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Format.class)
        @DisplayName("with yima.sign-result=true, a signed error answer whose result.id was changed to 0000 is refused")
        void forgedSuccessRefusedWhenResultIsSigned(Format format) {
            h = YimaHarness.of(s -> s.signResult(true), c -> c.format(format).signResult(true));
            h.simulator.forgeNextOutcome();

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("does not verify");
            assertThat(h.simulator.replies()).isEmpty();
        }

        @Test
        @DisplayName("XML MD5_WRAPPED: the mac covers the whole document, so a changed result.id is refused by default")
        void forgedSuccessRefusedUnderWrappedXml() {
            h = YimaHarness.of(s -> s.scheme(YimaSimulator.Scheme.MD5_WRAPPED),
                    c -> c.format(Format.XML).signScheme(SignScheme.MD5_WRAPPED));
            h.simulator.forgeNextOutcome();

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Format.class)
        @DisplayName("with yima.sign-result=true on both sides, replies are accepted and errors keep their code")
        void signedResultEndToEnd(Format format) {
            h = YimaHarness.of(s -> s.signResult(true), c -> c.format(format).signResult(true));

            assertThat(h.client.reply(reply()).code()).isEqualTo("0000");
            h.simulator.failNextReply("3001", "投诉单已完结,不可回复");
            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("再次回复").build()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("3001"));
        }

        @Test
        @DisplayName("yima.sign-result=true against a gateway that signs top-level fields only: SignatureException")
        void signResultIsReallyChecked() {
            h = YimaHarness.of(s -> {}, c -> c.signResult(true));

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class);
        }

        @Test
        @DisplayName("with yima.sign-result=true a top-level field named result.id is refused")
        void flattenedNameAtTopLevelRefused() throws Exception {
            h = YimaHarness.of(s -> s.signResult(true), c -> c.signResult(true));
            Map<String, String> scalars = echoes();
            scalars.put("result.id", "0000");
            h.simulator.enqueue(signedJson(scalars, "0000"));

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("result.id");
        }
    }

    @Nested
    @DisplayName("echoes")
    class Echoes {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"response_type", "isspid", "transaction_id", "seller_account", "complaint_id"})
        @DisplayName("a signed success whose echo differs from the request is refused (JSON)")
        void changedEchoRefusedJson(String field) throws Exception {
            h = YimaHarness.json();
            Map<String, String> scalars = echoes();
            scalars.put(field, scalars.get(field) + "9");
            h.simulator.enqueue(signedJson(scalars, "0000"));

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"response_type", "isspid", "transaction_id", "seller_account", "complaint_id"})
        @DisplayName("a signed success whose echo differs from the request is refused (XML form)")
        void changedEchoRefusedXml(String field) throws Exception {
            h = YimaHarness.xml();
            Map<String, String> scalars = echoes();
            scalars.put(field, scalars.get(field) + "9");
            h.simulator.enqueue(signedXmlForm(scalars, "0000"));

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"response_type", "isspid", "transaction_id", "seller_account", "complaint_id"})
        @DisplayName("a signed success without an echo the protocol always sends is refused")
        void missingEchoRefused(String field) throws Exception {
            h = YimaHarness.json();
            Map<String, String> scalars = echoes();
            scalars.remove(field);
            h.simulator.enqueue(signedJson(scalars, "0000"));

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t))
                    .hasMessageContaining(field);
        }

        @Test
        @DisplayName("a signed error answer with another complaint's echo is refused, not taken as this reply's error")
        void errorForAnotherComplaintRefused() throws Exception {
            h = YimaHarness.json();
            Map<String, String> scalars = echoes();
            scalars.put("complaint_id", "200201820200101080076619999");
            h.simulator.enqueue(signedJson(scalars, "3001"));

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Format.class)
        @DisplayName("a correctly signed success replayed with another complaint's echoes is refused (Fault.REPLAYED_ANSWER)")
        void replayedAnswerRefused(Format format) {
            h = YimaHarness.of(s -> {}, c -> c.format(format));
            h.simulator.inject(Fault.REPLAYED_ANSWER);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t))
                    .hasMessageContaining("complaint_id");
        }
    }

    @Nested
    @DisplayName("the signed k=v&k=v string cannot be re-partitioned")
    class Folding {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Format.class)
        @DisplayName("a success captured for another transaction_id, folded into seller_account, does not verify for this reply")
        void transactionIdFoldedIntoSellerAccountRefused(Format format) {
            // the sorted field string is what folding attacks: in XML that is yima.xml-mac-scheme=MD5_SORTED_KEY
            h = YimaHarness.of(s -> {}, c -> c.format(format).xmlMacScheme(SignScheme.MD5_SORTED_KEY));
            h.simulator.inject(Fault.FOLDED_VALUES);

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("'&'").hasMessageContaining("seller_account");
            assertThat(h.simulator.replies()).isEmpty();
        }

        @Test
        @DisplayName("XML with the default wrapped mac: the folded answer verifies (the whole document is signed) but echoes no transaction_id, so it is refused")
        void foldedAnswerRefusedUnderWrappedXmlMac() {
            h = YimaHarness.xml();
            h.simulator.inject(Fault.FOLDED_VALUES);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t))
                    .hasMessageContaining("transaction_id");
            assertThat(h.simulator.replies()).isEmpty();
        }

        @Test
        @DisplayName("a folded answer signs exactly like the captured one (the probe is real): same sign, fields moved")
        void foldedAnswerSignsLikeTheCapturedOne() {
            Map<String, String> captured = echoes();
            Map<String, String> folded = echoes();
            folded.remove("transaction_id");
            folded.put("seller_account", "66660000000000001&transaction_id=" + KEY);

            assertThat(Md5Signer.canonical(folded)).isEqualTo(Md5Signer.canonical(captured));
        }

        @Test
        @DisplayName("'&' in any signed value, a node this client does not know included, is refused")
        void ampersandInUnknownSignedFieldRefused() throws Exception {
            h = YimaHarness.json();
            Map<String, String> scalars = echoes();
            scalars.put("gateway_note", "a&b");
            h.simulator.enqueue(signedJson(scalars, "0000"));

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("gateway_note");
        }

        @Test
        @DisplayName("'=' in a signed identifier, or a signed name holding '=', is refused; '=' in an unknown text node is not")
        void equalsSign() throws Exception {
            h = YimaHarness.json();
            Map<String, String> badName = echoes();
            badName.put("x=y", "1");
            h.simulator.enqueue(signedJson(badName, "0000"));
            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class);

            Map<String, String> text = echoes();
            text.put("gateway_note", "ratio=1");
            h.simulator.enqueue(signedJson(text, "0000"));
            assertThat(h.client.reply(reply()).code()).isEqualTo("0000");
        }

        @Test
        @DisplayName("a complaint id holding '&' or '=' is refused before anything is sent")
        void complaintIdSeparatorsRefused() {
            h = YimaHarness.json();

            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder("2002&x=1").text("好的").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field, Violation::rule).contains(
                                    org.assertj.core.groups.Tuple.tuple("complaintId", "forbidden-character")));
            assertThat(h.simulator.requestCount()).isZero();
        }

        @Test
        @DisplayName("merchant settings holding '&' or '=' are refused when the config is built")
        void merchantSettingsSeparatorsRefused() {
            assertThatThrownBy(() -> YimaConfig.builder().endpoint("https://gateway.invalid/yima").isspid("3949&=02")
                    .systemId("8888").sellerAccount("6666&transaction_id=x").secret("s").build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                            .filteredOn(v -> v.rule().equals("forbidden-character")).extracting(Violation::field)
                            .containsExactlyInAnyOrder("yima.isspid", "yima.seller-account"));
        }
    }

    @Nested
    @DisplayName("unsigned XML")
    class UnsignedXml {
        @Test
        @DisplayName("require: the bare XML <business_trans><result><id>0000</id></result></business_trans> is refused")
        void bareMinimalSuccessRefused() {
            h = YimaHarness.xml();
            h.simulator.inject(Fault.BARE_UNSIGNED_ANSWER);

            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("no sign");
        }

        @Test
        @DisplayName("require: a full bare XML success is refused; warn: it is accepted, with a WARNING")
        void bareFullSuccess() {
            h = YimaHarness.xml();
            h.simulator.xmlAnswer(YimaSimulator.XmlAnswer.BARE);
            assertThatThrownBy(() -> h.client.reply(reply())).isInstanceOf(SignatureException.class);
            h.close();

            h = YimaHarness.of(s -> {}, c -> c.format(Format.XML).responseSignature(ResponseSignature.WARN));
            h.simulator.xmlAnswer(YimaSimulator.XmlAnswer.BARE);
            assertThat(h.client.reply(reply()).code()).isEqualTo("0000");
        }

        @Test
        @DisplayName("warn: the minimal bare success is still refused, for it echoes nothing of the reply")
        void bareMinimalSuccessRefusedUnderWarn() {
            h = YimaHarness.of(s -> {}, c -> c.format(Format.XML).responseSignature(ResponseSignature.WARN));
            h.simulator.inject(Fault.BARE_UNSIGNED_ANSWER);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }

        @Test
        @DisplayName("require: a bare XML error answer is still reported as the provider's error")
        void bareErrorReported() {
            h = YimaHarness.xml();
            h.simulator.xmlAnswer(YimaSimulator.XmlAnswer.BARE);
            h.simulator.failNextReply("3001", "投诉单已完结");

            assertThatThrownBy(() -> h.client.reply(reply()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("3001"));
        }
    }

    @Nested
    @DisplayName("answer bytes")
    class Bytes {
        @Test
        @DisplayName("an XML answer with a byte that is not valid GBK is refused, not read as U+FFFD")
        void invalidGbkRefused() {
            h = YimaHarness.xml();
            h.simulator.inject(Fault.INVALID_CHARSET_BYTES);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t))
                    .hasMessageContaining("not valid GBK");
        }

        @Test
        @DisplayName("a bare XML answer with a byte that is not valid GBK is refused too (warn)")
        void invalidGbkBareRefused() {
            h = YimaHarness.of(s -> {}, c -> c.format(Format.XML).responseSignature(ResponseSignature.WARN));
            h.simulator.xmlAnswer(YimaSimulator.XmlAnswer.BARE);
            h.simulator.inject(Fault.INVALID_CHARSET_BYTES);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }

        @Test
        @DisplayName("a JSON answer with a byte that is not valid UTF-8 is refused")
        void invalidUtf8Refused() {
            h = YimaHarness.json();
            h.simulator.inject(Fault.INVALID_CHARSET_BYTES);

            assertThatThrownBy(() -> h.client.reply(reply())).satisfies(t -> invalidResponse(t));
        }
    }

    @Nested
    @DisplayName("a reused idempotency key (transaction_id)")
    class ReusedKey {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Format.class)
        @DisplayName("reused for another complaint: the gateway answers the first reply's echoes, and the client refuses")
        void reusedForAnotherComplaintRefused(Format format) {
            h = YimaHarness.of(s -> {}, c -> c.format(format));
            String other = "200201820200101080076612345";
            h.store.addHistory(other, java.util.List.of());
            h.client.reply(reply());

            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(other).text("另一条回复").idempotencyKey(KEY).build()))
                    .satisfies(t -> invalidResponse(t))
                    .hasMessageContaining("complaint_id " + YimaHarness.COMPLAINT).hasMessageContaining("reused");
            assertThat(h.simulator.replies()).singleElement().extracting(YimaSimulator.Reply::complaintId)
                    .isEqualTo(YimaHarness.COMPLAINT);
        }

        @Test
        @DisplayName("reused with another text for the same complaint: the answer is the first reply's, and only its text was recorded")
        void reusedWithAnotherTextIsTheFirstReply() {
            h = YimaHarness.json();
            ReplyReceipt first = h.client.reply(reply());

            ReplyReceipt again = h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("另一条回复")
                    .idempotencyKey(KEY).build());

            assertThat(again).isEqualTo(first);
            assertThat(h.simulator.replies()).singleElement().extracting(YimaSimulator.Reply::content)
                    .isEqualTo("已与用户沟通解决");
        }
    }
}
