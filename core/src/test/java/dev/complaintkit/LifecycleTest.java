/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.error.OutcomeUnknownException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The complaint lifecycle in the client")
class LifecycleTest {
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private static TestProviders.Scripted full() {
        return new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class));
    }

    private static ComplaintClient client(ComplaintProvider<?> p) {
        return Complaints.builder().provider(p).retryPolicy(FAST).build();
    }

    private static ReplyRequest reply() {
        return ReplyRequest.builder("c1").text("您好，已处理").build();
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        @DisplayName("are exactly the ports the adapter class implements")
        void derivedFromPorts() {
            assertThat(Capability.implementedBy(TestProviders.Full.class)).containsExactlyInAnyOrder(Capability.LIST_COMPLAINTS,
                    Capability.NEGOTIATION_HISTORY, Capability.REPLY, Capability.COMPLETE, Capability.REFUND_DECISION, Capability.IMAGE_UPLOAD);
            assertThat(new TestProviders.Scripted("r", EnumSet.of(Capability.REPLY)).capabilities()).containsExactly(Capability.REPLY);
            assertThat(client(full()).capabilities()).isEqualTo(Capability.implementedBy(TestProviders.Full.class));
        }

        @Test
        @DisplayName("an operation whose port the adapter lacks is an UnsupportedCapabilityException naming what it offers")
        void missingPortIsUnsupported() {
            ComplaintClient c = client(new TestProviders.Scripted("r", EnumSet.of(Capability.REPLY)));
            assertThatThrownBy(() -> c.detail(ComplaintId.of("c1")))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("complaint detail").hasMessageContaining("reply");
            assertThatThrownBy(() -> c.uploadImage(new ImageUpload("a.png", new byte[] {1})))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("image upload");
            assertThatThrownBy(() -> c.downloadImage("https://media.example.invalid/x"))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("image download");
            assertThatThrownBy(c::notificationUrl).isInstanceOf(UnsupportedCapabilityException.class);
        }

        @Test
        @DisplayName("a provider whose create() returns another class than its declared adapter type is refused")
        void adapterTypeMustMatch() {
            TestProviders.Scripted lying = new TestProviders.Scripted("liar", EnumSet.allOf(Capability.class)) {
                @Override
                public ProviderAdapter create(TestProviders.NoConfig config, ProviderContext context) {
                    return new TestProviders.Nothing();
                }
            };
            assertThatThrownBy(() -> client(lying)).isInstanceOf(dev.complaintkit.error.ConfigurationException.class)
                    .hasMessageContaining("its capabilities are derived from");
        }
    }

    @Nested
    @DisplayName("writes whose answer is lost")
    class LostAnswers {
        @Test
        @DisplayName("a reply without idempotency key whose answer is lost is confirmed by reading and not sent again")
        void traceFoundMeansDone() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.trace = ReplyPort.WriteTrace.FOUND;
            p.failures.add(new TransportException("reset after sending", null, true));
            ReplyReceipt receipt = client(p).reply(reply());
            assertThat(receipt.reconciled()).isTrue();
            assertThat(p.calls).as("one send, no second").isEqualTo(1);
            assertThat(p.traceReads).isEqualTo(1);
        }

        @Test
        @DisplayName("a lost reply that left no trace is sent again")
        void traceAbsentMeansResend() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.trace = ReplyPort.WriteTrace.ABSENT;
            p.failures.add(new TransportException("time-out", null, true));
            ReplyReceipt receipt = client(p).reply(reply());
            assertThat(receipt.reconciled()).isFalse();
            assertThat(p.replies).hasSize(1);
            assertThat(p.calls).isEqualTo(2);
        }

        @Test
        @DisplayName("when reading cannot tell, the write fails as outcome-unknown with how to check, and is not sent again")
        void traceUnknownFailsTyped() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.trace = ReplyPort.WriteTrace.UNKNOWN;
            p.failures.add(new TransportException("reset after sending", null, true));
            assertThatThrownBy(() -> client(p).reply(reply()))
                    .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
                        assertThat(e.operation()).isEqualTo("reply");
                        assertThat(e.howToCheck()).contains("negotiation history");
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.idempotencyKey()).as("no provider key to resend under").isEmpty();
                        assertThat(e.getCause()).isInstanceOf(TransportException.class);
                    });
            assertThat(p.calls).isEqualTo(1);
        }

        @Test
        @DisplayName("a request that never left (connection refused) is sent again without reading")
        void notSentIsRetriedWithoutReading() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.failures.add(TransportException.notSent("refused", null, true));
            client(p).complete(ComplaintRef.of("c1"));
            assertThat(p.completions).hasSize(1);
            assertThat(p.traceReads).isZero();
        }

        @Test
        @DisplayName("a provider's refusal (4xx) is neither read for nor sent again")
        void refusalIsFinal() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.failures.add(new ProviderException("scripted", "PARAM_ERROR", "bad", false));
            assertThatThrownBy(() -> client(p).complete(ComplaintRef.of("c1"))).isInstanceOf(ProviderException.class);
            assertThat(p.calls).isEqualTo(1);
            assertThat(p.traceReads).isZero();
        }

        @Test
        @DisplayName("a completion whose answer is lost and whose trace is found reports a reconciled receipt")
        void completeReconciled() {
            TestProviders.Scripted p = full();
            p.writeSafety = ReplyPort.WriteSafety.RECONCILED;
            p.trace = ReplyPort.WriteTrace.FOUND;
            p.failures.add(new dev.complaintkit.error.SignatureException("scripted", "answer signature wrong"));
            WriteReceipt r = client(p).complete(ComplaintRef.of("c1"));
            assertThat(r.reconciled()).isTrue();
            assertThat(p.completions).isEmpty();
        }

        @Test
        @DisplayName("a keyed reply whose retries run out carries its idempotency key on the failure and in the message")
        void keyCarriedOnFailure() {
            TestProviders.Scripted p = full();
            for (int i = 0; i < 3; i++) {
                p.failures.add(new TransportException("reset", null, true));
            }
            assertThatThrownBy(() -> client(p).reply(reply()))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.idempotencyKey()).hasValueSatisfying(k -> assertThat(k).hasSize(32));
                        assertThat(e.getMessage()).contains("idempotency key " + e.idempotencyKey().orElseThrow());
                    });
            assertThat(p.calls).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("validation of the new operations, before anything is sent")
    class Validation {
        @Test
        @DisplayName("a refund approval with rejection fields, and a rejection with a refund delay, are each violations")
        void refundFieldsGoWithTheirAction() {
            TestProviders.Scripted p = full();
            ComplaintClient c = client(p);
            assertThatThrownBy(() -> c.decideRefund(RefundDecision.approve(ComplaintRef.of("c1")).refundInDays(3)
                    .reason("no").image("m1").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("rejectReason", "rejectImageMediaIds"));
            assertThatThrownBy(() -> c.decideRefund(RefundDecision.reject(ComplaintRef.of("c1")).refundInDays(3)
                    .reason("x".repeat(201)).image("1").image("2").image("3").image("4").image("5").remark("r".repeat(201)).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("refundInDays", "rejectReason", "rejectImageMediaIds", "remark"));
            assertThat(p.calls).isZero();
        }

        @Test
        @DisplayName("an image without a name or bytes, or with a path in its name, is refused")
        void uploadRules() {
            TestProviders.Scripted p = full();
            ComplaintClient c = client(p);
            assertThatThrownBy(() -> c.uploadImage(new ImageUpload("", new byte[0])))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("fileName", "bytes"));
            assertThatThrownBy(() -> c.uploadImage(new ImageUpload("../etc/a.png", new byte[] {1})))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::rule)
                            .containsExactly("plain-name"));
            assertThat(p.calls).isZero();
            assertThat(c.uploadImage(new ImageUpload("a.png", new byte[] {1, 2})).mediaId()).isEqualTo("media-2");
        }

        @Test
        @DisplayName("a missing complaint id for detail or complete is a violation")
        void refRequired() {
            TestProviders.Scripted p = full();
            assertThatThrownBy(() -> client(p).complete(ComplaintRef.of((String) null)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("complaintId"));
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {
        private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

        final class Notify implements ProviderAdapter, NotificationPort {
            @Override
            public ComplaintEvent verify(NotificationDelivery delivery) {
                if (delivery.header("X-Sig").isEmpty()) {
                    throw new NotificationRefusedException(NotificationResult.Reason.SIGNATURE, "no signature header");
                }
                String id = new String(delivery.body(), StandardCharsets.UTF_8);
                return new ComplaintEvent(id, ComplaintEvent.Type.CREATED, "COMPLAINT.CREATE", ComplaintId.of("c1"), "CREATE_COMPLAINT",
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC), "notify", Map.of());
            }

            @Override
            public HttpReply acknowledge(ComplaintEvent event) {
                return HttpReply.text(200, "text/plain", "success");
            }

            @Override
            public HttpReply refuse(NotificationResult.Reason reason, String message) {
                return HttpReply.text(400, "application/json", "{\"code\":\"FAIL\"}");
            }
        }

        private ComplaintClient notifyClient(ProcessedNotifications store) {
            ComplaintProvider<TestProviders.NoConfig> p = new ComplaintProvider<>() {
                @Override
                public String id() {
                    return "notify";
                }

                @Override
                public Class<TestProviders.NoConfig> configType() {
                    return TestProviders.NoConfig.class;
                }

                @Override
                public Class<? extends ProviderAdapter> adapterType() {
                    return Notify.class;
                }

                @Override
                public TestProviders.NoConfig configFromProperties(Map<String, String> properties) {
                    return new TestProviders.NoConfig("notify");
                }

                @Override
                public ProviderAdapter create(TestProviders.NoConfig config, ProviderContext context) {
                    return new Notify();
                }
            };
            return Complaints.builder().provider(p).processedNotifications(store).build();
        }

        @Test
        @DisplayName("a verified delivery is accepted once; the same event id again is a duplicate with the same acknowledgement")
        void duplicatesRecognised() {
            ComplaintClient c = notifyClient(ProcessedNotifications.inMemory());
            NotificationDelivery d = NotificationDelivery.of("POST", Map.of("X-Sig", "ok"), "evt-1".getBytes(StandardCharsets.UTF_8));
            NotificationResult first = c.receive(d);
            NotificationResult again = c.receive(d);
            assertThat(first).isInstanceOf(NotificationResult.Accepted.class);
            assertThat(again).isInstanceOf(NotificationResult.Duplicate.class);
            assertThat(again.reply().bodyText()).isEqualTo("success");
            assertThat(first.verifiedEvent()).map(ComplaintEvent::eventId).contains("evt-1");
        }

        @Test
        @DisplayName("a delivery without its signature header is refused with the provider's failure answer, never accepted")
        void missingSignatureRefused() {
            ComplaintClient c = notifyClient(ProcessedNotifications.inMemory());
            NotificationResult r = c.receive(NotificationDelivery.of("POST", Map.of(), "evt-2".getBytes(StandardCharsets.UTF_8)));
            assertThat(r).isInstanceOfSatisfying(NotificationResult.Refused.class, refused -> {
                assertThat(refused.reason()).isEqualTo(NotificationResult.Reason.SIGNATURE);
                assertThat(refused.reply().status()).isEqualTo(400);
            });
            assertThat(r.verifiedEvent()).isEmpty();
        }

        @Test
        @DisplayName("the in-memory store forgets an id after its time to live and stays within its capacity")
        void storeExpiresAndIsBounded() {
            MutableClock clock = new MutableClock(now);
            ProcessedNotifications store = ProcessedNotifications.inMemory(clock);
            assertThat(store.markIfAbsent("a", Duration.ofHours(25))).isTrue();
            assertThat(store.markIfAbsent("a", Duration.ofHours(25))).isFalse();
            clock.set(now.plus(Duration.ofHours(25)).plusSeconds(1));
            assertThat(store.markIfAbsent("a", Duration.ofHours(25))).isTrue();
            dev.complaintkit.internal.notify.InMemoryProcessedNotifications small =
                    new dev.complaintkit.internal.notify.InMemoryProcessedNotifications(clock, 10);
            for (int i = 0; i < 50; i++) {
                small.markIfAbsent("k" + i, Duration.ofHours(1));
            }
            assertThat(small.size()).isLessThanOrEqualTo(10);
        }
    }

    @Nested
    @DisplayName("the complainant's phone")
    class Phone {
        private ComplaintDetail detail(ComplainantPhone phone) {
            Complaint c = new Complaint(ComplaintId.of("c1"), "scripted", ComplaintState.PENDING, Channel.UNKNOWN, "r",
                    OffsetDateTime.parse("2024-01-01T00:00:00+08:00"), Optional.empty(), false, Optional.empty(), "", "", Map.of());
            return new ComplaintDetail(c, Optional.empty(), null, null, null, null, null, null, false, false, 1, false, null, phone, null);
        }

        @Test
        @DisplayName("an encrypted phone's toString shows neither ciphertext nor number")
        void encryptedIsOpaque() {
            ComplaintDetail d = detail(ComplainantPhone.encrypted("QmFzZTY0Q2lwaGVydGV4dA=="));
            assertThat(d.toString()).doesNotContain("QmFzZTY0Q2lwaGVydGV4dA==").contains("encrypted");
            assertThat(new dev.complaintkit.model.RevealedPhone("13800138000").toString()).doesNotContain("13800138000");
        }

        @Test
        @DisplayName("a provider without the reveal port cannot reveal")
        void revealNeedsThePort() {
            assertThatThrownBy(() -> client(full()).revealPhone(detail(ComplainantPhone.encrypted("abc"))))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("reveal phone");
        }
    }
}
