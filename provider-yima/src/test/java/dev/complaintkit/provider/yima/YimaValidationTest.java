/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every reply rule, one test each, through a real client on the simulator: each bad reply is
 * refused with its violations and nothing reaches the simulator.
 */
class YimaValidationTest {
    private static final String C = YimaHarness.COMPLAINT;
    private YimaHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static ReplyRequest.Builder reply() {
        return ReplyRequest.builder(C).text("已与用户沟通解决");
    }

    /** Sends the reply, expects a refusal, checks nothing was sent, returns the violations. */
    private List<Violation> refused(ReplyRequest request) {
        AtomicReference<List<Violation>> out = new AtomicReference<>();
        ThrowingCallable call = () -> h.client.reply(request);
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> out.set(e.violations()));
        assertThat(h.simulator.requestCount()).as("requests that reached the simulator").isZero();
        return out.get();
    }

    private static Consumer<Violation> is(String field, String rule) {
        return v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.rule()).isEqualTo(rule);
        };
    }

    @Nested
    @DisplayName("general rules (checked by the client)")
    class General {
        @Test
        @DisplayName("content is required")
        void contentRequired() {
            h = YimaHarness.json();
            assertThat(refused(reply().text("  ").build())).singleElement().satisfies(is("text", "required"));
        }

        @Test
        @DisplayName("content is at most 200 characters")
        void contentTooLong() {
            h = YimaHarness.json();
            assertThat(refused(reply().text("长".repeat(201)).build())).singleElement().satisfies(is("text", "max-length"));
        }

        @Test
        @DisplayName("at most 4 images")
        void tooManyImages() {
            h = YimaHarness.json();
            assertThat(refused(reply().image("a").image("b").image("c").image("d").image("e").build()))
                    .singleElement().satisfies(is("imageMediaIds", "max-count"));
        }

        @Test
        @DisplayName("jump_url must be HTTPS")
        void jumpUrlHttps() {
            h = YimaHarness.json();
            assertThat(refused(reply().jumpLink("http://www.xxx.com/aaaa", "查看订单").build()))
                    .singleElement().satisfies(is("jumpLink.url", "https"));
        }

        @Test
        @DisplayName("jump_url is at most 512 characters")
        void jumpUrlTooLong() {
            h = YimaHarness.json();
            String url = "https://www.xxx.com/" + "a".repeat(493);
            assertThat(url).hasSize(513);
            assertThat(refused(reply().jumpLink(url, "查看订单").build()))
                    .singleElement().satisfies(is("jumpLink.url", "max-length"));
        }

        @Test
        @DisplayName("jump_url_text is at most 10 characters")
        void jumpTextTooLong() {
            h = YimaHarness.json();
            assertThat(refused(reply().jumpLink("https://www.xxx.com/aaaa", "查看订单详情查看订单详").build()))
                    .singleElement().satisfies(is("jumpLink.text", "max-length"));
        }

        @Test
        @DisplayName("jump_url_text without jump_url is refused (the url is required)")
        void jumpTextWithoutUrl() {
            h = YimaHarness.json();
            assertThat(refused(reply().jumpLink(null, "查看订单详情").build()))
                    .singleElement().satisfies(is("jumpLink.url", "required"));
        }

        @Test
        @DisplayName("jump_url without jump_url_text is refused (the text is required)")
        void jumpUrlWithoutText() {
            h = YimaHarness.json();
            assertThat(refused(reply().jumpLink("https://www.xxx.com/aaaa", " ").build()))
                    .singleElement().satisfies(is("jumpLink.text", "required"));
        }
    }

    @Nested
    @DisplayName("Yima's own rules")
    class Yima {
        @Test
        @DisplayName("an image id must not contain '|', the separator of response_images")
        void imageWithSeparator() {
            h = YimaHarness.json();
            assertThat(refused(reply().image("file752398_7983424").image("file1|file2").build()))
                    .singleElement().satisfies(is("imageMediaIds[1]", "forbidden-character"));
        }

        @Test
        @DisplayName("XML: a character GBK cannot encode is refused, naming the field and the character")
        void xmlNeedsGbk() {
            h = YimaHarness.xml();
            List<Violation> v = refused(reply().text("已解决😀").build());
            assertThat(v).singleElement().satisfies(is("text", "charset"));
            assertThat(v.get(0).message()).contains("U+1F600").contains("GBK");
        }

        @Test
        @DisplayName("XML: every sent field is checked — image ids and the jump link too")
        void xmlNeedsGbkEverywhere() {
            h = YimaHarness.xml();
            List<Violation> v = refused(reply().image("img\u20A9").jumpLink("https://www.xxx.com/aaaa", "查看\u2603").build());
            assertThat(v).extracting(Violation::field).containsExactly("imageMediaIds[0]", "jumpLink.text");
            assertThat(v).extracting(Violation::message).anySatisfy(m -> assertThat(m).contains("U+20A9"))
                    .anySatisfy(m -> assertThat(m).contains("U+2603"));
        }

        @Test
        @DisplayName("XML: a control character XML cannot carry is refused")
        void xmlControlCharacter() {
            h = YimaHarness.xml();
            assertThat(refused(reply().text("已解决\u0001").build())).singleElement().satisfies(is("text", "xml-character"));
        }

        @Test
        @DisplayName("JSON in a non-UTF charset (yima.charset=GBK): characters it cannot encode are refused")
        void jsonCharset() {
            h = YimaHarness.of(s -> {}, c -> c.charset(Charset.forName("GBK")));
            List<Violation> v = refused(reply().text("已解决😀").build());
            assertThat(v).singleElement().satisfies(is("text", "charset"));
            assertThat(v.get(0).message()).contains("U+1F600");
        }

        @Test
        @DisplayName("complaint_id is at most 64 characters")
        void complaintIdTooLong() {
            h = YimaHarness.json();
            assertThat(refused(ReplyRequest.builder("9".repeat(65)).text("已处理").build()))
                    .singleElement().satisfies(is("complaintId", "max-length"));
        }

        @Test
        @DisplayName("a caller's idempotency key (transaction_id) is at most 32 characters")
        void keyTooLong() {
            h = YimaHarness.json();
            assertThat(refused(reply().idempotencyKey("k".repeat(33)).build()))
                    .singleElement().satisfies(is("idempotencyKey", "max-length"));
        }

        @Test
        @DisplayName("a caller's idempotency key holds only letters, digits, '_' and '-'")
        void keyCharacters() {
            h = YimaHarness.json();
            assertThat(refused(reply().idempotencyKey("reply 1/2").build()))
                    .singleElement().satisfies(is("idempotencyKey", "pattern"));
        }
    }

    @Test
    @DisplayName("many violations are listed together, nothing sent: every general one, and, once those pass, every one of Yima's own")
    void manyAtOnce() {
        h = YimaHarness.xml();
        ReplyRequest general = ReplyRequest.builder(C).text("长".repeat(201))
                .image("a").image("b").image("c").image("d").image("e")
                .jumpLink("http://www.xxx.com/aaaa", "查看订单详情查看订单详情")
                .build();
        ReplyRequest own = ReplyRequest.builder(C).text("😀已处理").image("a|b")
                .idempotencyKey("not a valid transaction id, far too long")
                .build();

        List<Violation> g = refused(general);
        List<Violation> y = refused(own);

        assertThat(g).extracting(Violation::field).containsExactlyInAnyOrder(
                "text", "imageMediaIds", "jumpLink.url", "jumpLink.text");
        assertThat(g).extracting(Violation::rule).contains("max-length", "max-count", "https");
        assertThat(y).extracting(Violation::field).containsExactlyInAnyOrder(
                "text", "imageMediaIds[0]", "idempotencyKey", "idempotencyKey");
        assertThat(y).extracting(Violation::rule).containsExactlyInAnyOrder("charset", "forbidden-character",
                "max-length", "pattern");
    }

    @Test
    @DisplayName("at the limits everything is accepted, and the simulator agrees")
    void limitsAccepted() {
        h = YimaHarness.xml();
        ReplyRequest full = ReplyRequest.builder(C).text("长".repeat(200))
                .image("m1").image("m2").image("m3").image("m4")
                .jumpLink("https://www.xxx.com/" + "a".repeat(492), "查看订单详情查看订单")
                .idempotencyKey("k".repeat(32))
                .build();

        ReplyReceipt receipt = h.client.reply(full);

        assertThat(receipt.code()).isEqualTo("0000");
        assertThat(h.simulator.replies()).singleElement().satisfies(r -> {
            assertThat(r.content()).hasSize(200);
            assertThat(r.images()).containsExactly("m1", "m2", "m3", "m4");
            assertThat(r.jumpUrl()).hasSize(512);
            assertThat(r.jumpUrlText()).isEqualTo("查看订单详情查看订单");
        });
    }

    @Test
    @DisplayName("JSON in UTF-8 carries any character, emoji included")
    void jsonUtf8TakesEmoji() {
        h = YimaHarness.json();

        h.client.reply(reply().text("已解决😀").build());

        assertThat(h.simulator.replies()).singleElement().extracting(r -> r.content()).isEqualTo("已解决😀");
    }
}
