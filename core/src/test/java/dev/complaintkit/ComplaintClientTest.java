/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ComplaintClient")
class ComplaintClientTest {
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private static TestProviders.Scripted provider(Set<Capability> caps) {
        return new TestProviders.Scripted("scripted", caps);
    }

    private static ComplaintClient client(TestProviders.Scripted p) {
        return Complaints.builder().provider(p).retryPolicy(FAST).build();
    }

    @Nested
    @DisplayName("paging")
    class Paging {
        @Test
        @DisplayName("the stream fetches a page only when the consumer reaches it")
        void lazy() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.historyEntries = 95;
            ComplaintClient client = client(p);

            Stream<NegotiationEntry> stream = client.history(ComplaintId.of("c1"), 10);
            assertThat(p.historyFetches).as("nothing fetched before consumption").isEmpty();

            Iterator<NegotiationEntry> it = stream.iterator();
            for (int i = 0; i < 25; i++) {
                assertThat(it.next().logId()).isEqualTo("log-" + i);
            }
            assertThat(p.historyFetches).as("25 rows need 3 pages of 10").hasSize(3);

            assertThat(client.history(ComplaintId.of("c1"), 10).limit(10).count()).isEqualTo(10);
            assertThat(p.historyFetches).as("10 rows need 1 page").hasSize(4);
        }

        @Test
        @DisplayName("a full stream stops at the total: no extra fetch after the last page")
        void stopsAtTotal() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.historyEntries = 30;
            List<NegotiationEntry> all = client(p).history(ComplaintId.of("c1"), 10).toList();
            assertThat(all).hasSize(30);
            assertThat(p.historyFetches).extracting(PageRequest::offset).containsExactly(0L, 10L, 20L);
        }

        @Test
        @DisplayName("a total reported only on the first page still bounds the stream")
        void totalFromFirstPage() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.historyEntries = 20;
            p.totalOnFirstPageOnly = true;
            assertThat(client(p).history(ComplaintId.of("c1"), 10).count()).isEqualTo(20);
            assertThat(p.historyFetches).hasSize(2);
        }

        @Test
        @DisplayName("the provider's default page size is used when none is given")
        void defaultPageSize() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.historyEntries = 5;
            client(p).history(ComplaintId.of("c1")).toList();
            assertThat(p.historyFetches).containsExactly(PageRequest.first(10));
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @Test
        @DisplayName("a reply lists every violation at once and nothing is sent")
        void replyViolations() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            ReplyRequest bad = ReplyRequest.builder(null).text("字".repeat(201))
                    .image("1").image("2").image("3").image("4").image(" ")
                    .jumpLink("http://merchant.example/complaints", "点击这里查看您的订单详情").idempotencyKey(" ").build();
            assertThatThrownBy(() -> client(p).reply(bad))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field).containsExactly(
                                "complaintId", "text", "imageMediaIds", "imageMediaIds[4]", "jumpLink.url", "jumpLink.text",
                                "idempotencyKey");
                        assertThat(e.getMessage()).contains("7 problems").contains("must be at most 200 characters (was 201)");
                    });
            assertThat(p.calls).as("calls reaching the provider").isZero();
        }

        @Test
        @DisplayName("a jump link without text, or text without a URL, is a violation")
        void jumpLinkPairs() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            assertThatThrownBy(() -> client(p).reply(ReplyRequest.builder("c1").text("ok").jumpLink("https://m.example/x", null).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(e.violations()).extracting(Violation::field).containsExactly("jumpLink.text"));
            assertThatThrownBy(() -> client(p).reply(ReplyRequest.builder("c1").text("ok").jumpLink(null, "查看").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(e.violations()).extracting(Violation::field).containsExactly("jumpLink.url"));
            assertThat(p.calls).isZero();
        }

        @Test
        @DisplayName("a mini-program jump needs app id, path and text of at most 10, and a provider that offers it")
        void miniProgramJump() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class)); // offers no mini-program jump
            assertThatThrownBy(() -> client(p).reply(ReplyRequest.builder("c1").text("ok")
                    .miniProgram("wx1234567890abcdef", "pages/order/detail?id=42", "查看订单").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field).containsExactly("miniProgramJump");
                        assertThat(e.getMessage()).contains("is not offered by provider");
                    });
            assertThatThrownBy(() -> client(p).reply(ReplyRequest.builder("c1").text("ok")
                    .miniProgram(" ", null, "这段文字超过了十个字的限制").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("miniProgramJump.appId", "miniProgramJump.path",
                                    "miniProgramJump.text", "miniProgramJump"));
            assertThat(p.calls).isZero();
        }

        @Test
        @DisplayName("text of 200 characters counted as code points is accepted")
        void textLimitCountsCharacters() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            client(p).reply(ReplyRequest.builder("c1").text("😀".repeat(200)).build());
            assertThat(p.replies).hasSize(1);
        }

        @Test
        @DisplayName("bad paging and a reversed time range are listed together, before any I/O")
        void listViolations() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            ComplaintFilter reversed = ComplaintFilter.builder()
                    .between(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")).build();
            assertThatThrownBy(() -> client(p).complaintsPage(reversed, new PageRequest(-5, 0)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("filter.from", "page.offset", "page.size"));
            assertThatThrownBy(() -> client(p).complaints(reversed))
                    .isInstanceOf(ValidationException.class);
            assertThat(p.calls).isZero();
        }

        @Test
        @DisplayName("a missing complaint id for history is a violation, raised when the stream is created")
        void historyNeedsId() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            assertThatThrownBy(() -> client(p).history(null))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(e.violations()).extracting(Violation::field).containsExactly("complaintId"));
            assertThat(p.calls).isZero();
        }
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        @DisplayName("an operation the provider lacks is a typed error naming provider and operation")
        void unsupported() {
            TestProviders.Scripted p = provider(EnumSet.of(Capability.REPLY));
            ComplaintClient client = client(p);
            assertThatThrownBy(() -> client.history(ComplaintId.of("c1")))
                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                        assertThat(e.providerId()).isEqualTo("scripted");
                        assertThat(e.operation()).isEqualTo("negotiation history");
                        assertThat(e.getMessage()).contains("it offers: reply");
                    });
            assertThatThrownBy(() -> client.complaints(ComplaintFilter.all()))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("list complaints");
            assertThat(p.calls).isZero();
        }

        @Test
        @DisplayName("the capability check comes before validation")
        void capabilityBeforeValidation() {
            TestProviders.Scripted p = provider(EnumSet.of(Capability.NEGOTIATION_HISTORY));
            assertThatThrownBy(() -> client(p).reply(ReplyRequest.builder(null).build()))
                    .isInstanceOf(UnsupportedCapabilityException.class);
        }
    }

    @Nested
    @DisplayName("retries")
    class Retries {
        @Test
        @DisplayName("a query is repeated after transient failures and succeeds")
        void transientQuery() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.historyEntries = 3;
            p.failures.add(new TransportException("reset", null, true));
            p.failures.add(new RateLimitedException("scripted", "429", "slow down", Duration.ofMillis(2)));
            assertThat(client(p).history(ComplaintId.of("c1")).count()).isEqualTo(3);
            assertThat(p.calls).isEqualTo(3);
        }

        @Test
        @DisplayName("a non-retryable provider error is never repeated and keeps its code and message")
        void notRetryable() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.failures.add(new ProviderException("scripted", "FAIL", "商户号不存在", false));
            assertThatThrownBy(() -> client(p).historyPage(ComplaintId.of("c1"), PageRequest.first(5)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("FAIL");
                        assertThat(e.providerMessage()).isEqualTo("商户号不存在");
                    });
            assertThat(p.calls).isEqualTo(1);
        }

        @Test
        @DisplayName("attempts are bounded by the policy")
        void bounded() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            for (int i = 0; i < 5; i++) {
                p.failures.add(new TransportException("down", null, true));
            }
            assertThatThrownBy(() -> client(p).historyPage(ComplaintId.of("c1"), PageRequest.first(5)))
                    .isInstanceOf(TransportException.class);
            assertThat(p.calls).isEqualTo(3);
        }

        @Test
        @DisplayName("every retry of a reply carries the same assigned idempotency key")
        void replyKeepsKey() {
            TestProviders.Scripted p = provider(EnumSet.allOf(Capability.class));
            p.failures.add(new TransportException("reset after send", null, true));
            var receipt = client(p).reply(ReplyRequest.builder("c1").text("已处理").build());
            assertThat(p.calls).isEqualTo(2);
            assertThat(p.replies).hasSize(1);
            assertThat(receipt.idempotencyKey()).hasSize(32).isEqualTo(p.replies.get(0).idempotencyKey().orElseThrow());
        }

        @Test
        @DisplayName("a provider bug surfaces as a ComplaintException, never a raw runtime exception")
        void providerBugWrapped() {
            TestProviders.Scripted p = new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class)) {
                @Override
                dev.complaintkit.model.Page<NegotiationEntry> history(dev.complaintkit.model.ComplaintRef id, PageRequest page) {
                    throw new NullPointerException("oops");
                }
            };
            assertThatThrownBy(() -> client(p).historyPage(ComplaintId.of("c1"), PageRequest.first(5)))
                    .isExactlyInstanceOf(ComplaintException.class)
                    .hasMessageContaining("failed unexpectedly").hasCauseInstanceOf(NullPointerException.class);
        }
    }
}
