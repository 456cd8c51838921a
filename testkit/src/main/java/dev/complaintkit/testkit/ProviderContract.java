/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.complaintkit.Capability;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.testkit.http.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider must pass, a section per capability and a faults section. Subclass it
 * in the provider's tests and implement the one factory hook, {@link #subject()}, which is called
 * before each test:
 *
 * <pre>{@code
 * class AllinpayContractTest extends ProviderContract {
 *     protected ContractSubject subject() { ... start a simulator, build a client ... }
 * }
 * }</pre>
 *
 * A section for a capability the provider lacks checks that calling it fails with
 * {@link UnsupportedCapabilityException} and sends nothing. The faults section runs every fault
 * the subject's simulator can produce and requires a typed outcome for each, printing
 * {@code faults tried: N, typed: N, untyped: 0}.
 */
public abstract class ProviderContract {

    /** @return a fresh subject: provider, client and the data behind it */
    protected abstract ContractSubject subject();

    /** Called after each test to release what {@link #subject()} started; override to stop a simulator. */
    protected void release() {}

    ContractSubject s;

    @BeforeEach
    final void createSubject() {
        s = subject();
    }

    @AfterEach
    final void closeSubject() {
        try {
            s.client().close();
        } finally {
            release();
        }
    }

    boolean has(Capability c) {
        return s.provider().capabilities().contains(c);
    }

    /** Asserts that calling a missing capability is typed, names provider and operation, and sends nothing. */
    void assertMissing(Capability c, Runnable call) {
        int before = s.exchanges();
        assertThatThrownBy(call::run).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining(s.provider().id()).hasMessageContaining(c.operation());
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    /** Asserts that a call is refused as invalid input, naming the fields, and sends nothing. */
    void assertInvalid(Runnable call, String... fields) {
        int before = s.exchanges();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).contains(fields));
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    @Nested
    @DisplayName("identity")
    class Identity {
        @Test
        @DisplayName("a stable lower-case id, capabilities derived from its ports, a supported SPI version")
        void identity() {
            ComplaintProvider<?> p = s.provider();
            assertThat(p.id()).matches("[a-z][a-z0-9-]*");
            assertThat(s.client().providerId()).isEqualTo(p.id());
            assertThat(p.capabilities()).isNotEmpty().isEqualTo(Capability.implementedBy(p.adapterType()));
            assertThat(p.spiVersion()).isBetween(1, ComplaintProvider.SPI_VERSION);
            assertThat(s.client().capabilities()).isEqualTo(p.capabilities());
        }

        @Test
        @DisplayName("a config of another type is refused by the client, even one claiming the provider's id")
        void foreignConfig() {
            dev.complaintkit.spi.ProviderConfig foreign = new dev.complaintkit.spi.ProviderConfig() {
                @Override
                public String providerId() {
                    return s.provider().id();
                }

                @Override
                public java.util.Map<String, String> describe() {
                    return java.util.Map.of();
                }
            };
            assertThatThrownBy(() -> dev.complaintkit.Complaints.builder().provider(s.provider()).config(foreign).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(s.provider().configType().getSimpleName());
        }

        @Test
        @DisplayName("secrets never appear in toString of the client or config, nor in its description")
        void noSecretsInToString() {
            assumeThat(s.secrets()).as("secret values given to the subject").isNotEmpty();
            String shown = s.client() + " " + (s.config() == null ? "" : s.config() + " " + s.config().describe());
            for (String secret : s.secrets()) {
                assertThat(shown).as("client/config text").doesNotContain(secret);
            }
        }
    }

    @Nested
    @DisplayName("list complaints")
    class Listing {
        @Test
        @DisplayName("the stream returns every complaint once, across pages, tagged with the provider")
        void listStreamsAcrossPages() {
            if (!has(Capability.LIST_COMPLAINTS)) {
                assertMissing(Capability.LIST_COMPLAINTS, () -> {
                    var unused = s.client().complaints(ComplaintFilter.all()).findFirst();
                });
                return;
            }
            List<Complaint> all = s.client().complaints(ComplaintFilter.all(), 2).toList();
            assertThat(all).isNotEmpty();
            assertThat(all).extracting(Complaint::providerId).containsOnly(s.provider().id());
            assertThat(all.stream().map(Complaint::id).distinct().count()).as("distinct ids").isEqualTo(all.size());
            s.complaintTotal().ifPresent(total -> assertThat(all).hasSize(total));
            Page<Complaint> first = s.client().complaintsPage(ComplaintFilter.all(), PageRequest.first(2));
            assertThat(first.items()).hasSizeLessThanOrEqualTo(2);
            assertThat(first.items()).containsExactlyElementsOf(all.subList(0, first.items().size()));
            first.totalCount().ifPresent(t -> assertThat(t).isEqualTo(all.size()));
        }

        @Test
        @DisplayName("bad paging is a validation error and sends nothing")
        void listValidation() {
            assumeThat(has(Capability.LIST_COMPLAINTS)).isTrue();
            assertInvalid(() -> s.client().complaintsPage(ComplaintFilter.all(), new PageRequest(-1, 0)), "page.offset", "page.size");
        }
    }

    @Nested
    @DisplayName("complaint detail")
    class Detail {
        @Test
        @DisplayName("the detail of a complaint the service holds names it and the provider")
        void detail() {
            if (!has(Capability.DETAIL)) {
                assertMissing(Capability.DETAIL, () -> s.client().detail(ComplaintId.of("x")));
                return;
            }
            assumeThat(s.detailComplaintId()).as("detailOf(...) given to the subject").isNotNull();
            ComplaintDetail d = s.client().detail(ComplaintId.of(s.detailComplaintId()));
            assertThat(d.id().value()).isEqualTo(s.detailComplaintId());
            assertThat(d.complaint().providerId()).isEqualTo(s.provider().id());
            assertThat(d.toString()).as("no ciphertext in toString").doesNotContain(d.phone().ciphertext().orElse("\u0000"));
        }

        @Test
        @DisplayName("a missing complaint id is a validation error and sends nothing")
        void detailValidation() {
            assumeThat(has(Capability.DETAIL)).isTrue();
            assertInvalid(() -> s.client().detail(ComplaintRef.of((String) null)), "complaintId");
        }
    }

    @Nested
    @DisplayName("negotiation history")
    class History {
        @Test
        @DisplayName("streamed in small pages equals one big page, in order, complete")
        void historyPagesAgree() {
            if (!has(Capability.NEGOTIATION_HISTORY)) {
                assertMissing(Capability.NEGOTIATION_HISTORY, () -> {
                    var unused = s.client().history(ComplaintId.of("x")).findFirst();
                });
                return;
            }
            ComplaintId id = ComplaintId.of(s.historyComplaintId());
            List<NegotiationEntry> streamed = s.client().history(id, 2).toList();
            assertThat(streamed).hasSize(s.historySize());
            Page<NegotiationEntry> whole = s.client().historyPage(id, PageRequest.first(s.historySize() + 5));
            assertThat(whole.items()).containsExactlyElementsOf(streamed);
            assertThat(streamed).allSatisfy(e -> {
                assertThat(e.time()).isNotNull();
                assertThat(e.type()).isNotNull();
                assertThat(e.rawType()).isNotBlank();
            });
        }

        @Test
        @DisplayName("the stream is lazy — taking one row fetches one page")
        void historyIsLazy() {
            assumeThat(has(Capability.NEGOTIATION_HISTORY)).isTrue();
            assumeThat(s.historySize()).isGreaterThan(2);
            int before = s.exchanges();
            List<NegotiationEntry> one = s.client().history(ComplaintId.of(s.historyComplaintId()), 2).limit(1).toList();
            assertThat(one).hasSize(1);
            int used = s.exchanges() - before;
            assertThat(used).as("exchanges for one page").isPositive();
            List<NegotiationEntry> all = s.client().history(ComplaintId.of(s.historyComplaintId()), 2).toList();
            assertThat(all).hasSize(s.historySize());
            assertThat(s.exchanges() - before - used).as("exchanges for every page").isGreaterThan(used);
        }

        @Test
        @DisplayName("bad input is a validation error and sends nothing")
        void historyValidation() {
            assumeThat(has(Capability.NEGOTIATION_HISTORY)).isTrue();
            assertInvalid(() -> s.client().historyPage(ComplaintId.of(s.historyComplaintId()), new PageRequest(-1, 0)), "page.offset");
            assertInvalid(() -> s.client().historyPage((ComplaintId) null, PageRequest.first(10)), "complaintId");
        }
    }

    @Nested
    @DisplayName("reply")
    class Reply {
        @Test
        @DisplayName("accepted with a receipt carrying the complaint and the idempotency key")
        void replyAccepted() {
            if (!has(Capability.REPLY)) {
                assertMissing(Capability.REPLY, () -> s.client().reply(ReplyRequest.builder("x").text("t").build()));
                return;
            }
            ReplyReceipt receipt = s.client().reply(ReplyRequest.builder(s.replyComplaintId())
                    .text("已与用户沟通解决").idempotencyKey("contract000000000000000000000001").build());
            assertThat(receipt.complaintId().value()).isEqualTo(s.replyComplaintId());
            assertThat(receipt.providerId()).isEqualTo(s.provider().id());
            assertThat(receipt.idempotencyKey()).isEqualTo("contract000000000000000000000001");
        }

        @Test
        @DisplayName("every violation listed at once, nothing sent")
        void replyValidation() {
            assumeThat(has(Capability.REPLY)).isTrue();
            ReplyRequest bad = ReplyRequest.builder(s.replyComplaintId()).text(" ")
                    .image("a").image("b").image("c").image("d").image("e")
                    .jumpLink("http://example.com/plain", "这段文字超过了十个字符的上限").build();
            assertInvalid(() -> s.client().reply(bad), "text", "imageMediaIds", "jumpLink.url", "jumpLink.text");
        }
    }

    @Nested
    @DisplayName("complete")
    class Complete {
        @Test
        @DisplayName("a complaint is completed with a receipt naming it")
        void complete() {
            if (!has(Capability.COMPLETE)) {
                assertMissing(Capability.COMPLETE, () -> s.client().complete(ComplaintRef.of("x")));
                return;
            }
            assertThat(s.client().complete(ComplaintRef.of(s.replyComplaintId())).complaintId().value()).isEqualTo(s.replyComplaintId());
        }
    }

    @Nested
    @DisplayName("refund decision")
    class Refund {
        @Test
        @DisplayName("an approval is accepted; fields of the other action are refused before sending")
        void refund() {
            if (!has(Capability.REFUND_DECISION)) {
                assertMissing(Capability.REFUND_DECISION, () -> s.client().decideRefund(
                        RefundDecision.approve(ComplaintRef.of("x")).build()));
                return;
            }
            assertInvalid(() -> s.client().decideRefund(RefundDecision.approve(ComplaintRef.of(s.replyComplaintId()))
                    .reason("not with approve").build()), "rejectReason");
            assertThat(s.client().decideRefund(RefundDecision.approve(ComplaintRef.of(s.replyComplaintId())).refundInDays(1).build())
                    .complaintId().value()).isEqualTo(s.replyComplaintId());
        }
    }

    @Nested
    @DisplayName("images")
    class Images {
        private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

        @Test
        @DisplayName("an uploaded image gets a media id; an empty one is refused before sending")
        void upload() {
            if (!has(Capability.IMAGE_UPLOAD)) {
                assertMissing(Capability.IMAGE_UPLOAD, () -> s.client().uploadImage(new ImageUpload("a.png", PNG)));
                return;
            }
            assertInvalid(() -> s.client().uploadImage(new ImageUpload("a.png", new byte[0])), "bytes");
            UploadedImage image = s.client().uploadImage(new ImageUpload("receipt.png", PNG));
            assertThat(image.mediaId()).isNotBlank();
            assertThat(image.providerId()).isEqualTo(s.provider().id());
        }

        @Test
        @DisplayName("a media URL that is plain HTTP to a remote host is refused before sending")
        void download() {
            if (!has(Capability.IMAGE_DOWNLOAD)) {
                assertMissing(Capability.IMAGE_DOWNLOAD, () -> s.client().downloadImage("https://media.example.invalid/x"));
                return;
            }
            assertInvalid(() -> s.client().downloadImage("http://media.example.invalid/x"), "mediaUrl");
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {
        @Test
        @DisplayName("a valid delivery is accepted once and then recognised as a duplicate; a tampered one is refused")
        void notifications() {
            if (!has(Capability.NOTIFICATIONS)) {
                assertMissing(Capability.NOTIFICATIONS, () -> s.client().receive(NotificationDelivery.of("POST", java.util.Map.of(),
                        new byte[0])));
                return;
            }
            assumeThat(s.notifications()).as("notifications(...) given to the subject").isNotNull();
            NotificationDelivery valid = s.notifications().valid().get();
            NotificationResult first = s.client().receive(valid);
            assertThat(first).isInstanceOf(NotificationResult.Accepted.class);
            assertThat(first.reply().isSuccess()).isTrue();
            assertThat(s.client().receive(valid)).isInstanceOf(NotificationResult.Duplicate.class);
            NotificationResult bad = s.client().receive(s.notifications().tampered().get());
            assertThat(bad).isInstanceOf(NotificationResult.Refused.class);
            assertThat(bad.verifiedEvent()).isEmpty();
        }
    }

    @Nested
    @DisplayName("faults")
    class Faults {
        @Test
        @DisplayName("every fault the simulator can produce ends typed: recovered by a retry, or a typed error with its code")
        void everyFaultIsTyped() {
            assumeThat(s.faultProbe()).as("faults(...) given to the subject").isNotNull();
            ContractSubject.FaultProbe probe = s.faultProbe();
            List<String> untyped = new ArrayList<>();
            int tried = 0;
            for (Fault fault : probe.simulator().supportedFaults()) {
                tried++;
                probe.simulator().inject(fault);
                try {
                    probe.call().run();
                } catch (ComplaintException e) {
                    if (e.getClass() == ComplaintException.class) {
                        untyped.add(fault + " -> generic ComplaintException: " + e.getMessage());
                    } else if (fault == Fault.NOT_JSON_OR_XML && !(e instanceof ProviderException p
                            && ProviderException.INVALID_RESPONSE.equals(p.code()))) {
                        untyped.add(fault + " -> expected " + ProviderException.INVALID_RESPONSE + ", got " + e);
                    }
                } catch (RuntimeException e) {
                    untyped.add(fault + " -> " + e);
                }
                probe.simulator().clearFaults();
            }
            System.out.println("[" + s.provider().id() + "] faults tried: " + tried + ", typed: " + (tried - untyped.size())
                    + ", untyped: " + untyped.size());
            assertThat(untyped).as("faults without a typed outcome").isEmpty();
        }

        @Test
        @DisplayName("408, 429 and 5xx are retryable provider errors with the HTTP status as code, for every provider")
        void statusesAreRetryable() {
            assumeThat(s.faultProbe()).as("faults(...) given to the subject").isNotNull();
            ContractSubject.FaultProbe probe = s.faultProbe();
            Function<Fault, ComplaintException> failing = fault -> {
                for (int i = 0; i < 10; i++) {
                    probe.simulator().inject(fault);
                }
                try {
                    probe.call().run();
                    return null;
                } catch (ComplaintException e) {
                    return e;
                } finally {
                    probe.simulator().clearFaults();
                }
            };
            for (Fault fault : List.of(Fault.HTTP_408, Fault.HTTP_429, Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503)) {
                ComplaintException e = failing.apply(fault);
                assertThat(e).as("%s repeated past the retry budget", fault).isInstanceOf(ProviderException.class);
                assertThat(e.isRetryable()).as("%s retryable", fault).isTrue();
                assertThat(((ProviderException) e).code()).as("%s code", fault).isEqualTo(fault.name());
            }
        }
    }
}
