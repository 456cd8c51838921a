/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.PermitSource;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.SharedState;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.testkit.TestClock;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.complaintkit.ComplaintClient} on the WeChat Pay provider against {@link WechatPaySimulator}:
 * a real loopback HTTP server with its own signature checking and signing, WeChat's rules and state
 * machine. Complaint indexes are those of {@link WechatPayFixtures#sixtyDays}.
 */
class WechatPayEndToEndTest {
    static final String C = WechatPaySimulator.COMPLAINTS_PATH;
    /** The serial of the rotated-out platform certificate in the test vectors ({@code platform-old-certificate.pem}). */
    static final String OLD_SERIAL = "0B12C3D4E5F60718293A4B5C6D7E8F9012345678";
    SimHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    SimHarness start() {
        h = SimHarness.start();
        return h;
    }

    static String resource(String name) {
        try (InputStream in = WechatPayEndToEndTest.class.getResourceAsStream("/vectors/wechatpay/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<RecordedRequest> listCalls() {
        return h.sim.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals(C)).toList();
    }

    @Nested
    @DisplayName("reading")
    class Reading {
        @Test
        @DisplayName("60 days are listed through two 30-day windows, newest first, fetched lazily")
        void sixtyDays() {
            start();
            ComplaintFilter sixty = ComplaintFilter.builder()
                    .between(SimHarness.TODAY.minusDays(59).atStartOfDay(WechatPaySimulator.SHANGHAI).toInstant(),
                            SimHarness.TODAY.atStartOfDay(WechatPaySimulator.SHANGHAI).toInstant()).build();
            List<Complaint> first = h.client.complaints(sixty, 2).limit(1).toList();
            assertThat(first).extracting(c -> c.id().value()).containsExactly(h.id(0));
            assertThat(listCalls()).as("one wire page for the first row").hasSize(1);
            h.sim.clearLog();
            List<Complaint> all = h.client.complaints(sixty).toList();
            assertThat(all).extracting(c -> c.id().value()).containsExactlyElementsOf(h.sim.complaintIds());
            assertThat(all).hasSize(WechatPayFixtures.SIXTY_DAYS_SIZE);
            List<RecordedRequest> calls = listCalls();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).queryParameters()).containsEntry("end_date", SimHarness.TODAY.toString())
                    .containsEntry("begin_date", SimHarness.TODAY.minusDays(29).toString())
                    .containsEntry("complainted_mchid", WechatPayTestKeys.MCHID);
            assertThat(calls.get(1).queryParameters()).containsEntry("end_date", SimHarness.TODAY.minusDays(30).toString())
                    .containsEntry("begin_date", SimHarness.TODAY.minusDays(59).toString());
            assertThat(h.sim.signatureFailures()).isZero();
        }

        @Test
        @DisplayName("a window of 121 complaints is read in wire pages of 50 (offsets 0, 50, 100), each complaint once")
        void manyInOneWindow() {
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now(WechatPaySimulator.SHANGHAI);
            List<dev.complaintkit.testkit.wechatpay.ComplaintSeed> many = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                many.add(dev.complaintkit.testkit.wechatpay.ComplaintSeed.of(WechatPayFixtures.complaintId(SimHarness.TODAY, 1000 + i),
                        now.minusMinutes(5L * i + 1)).images(0));
            }
            h = SimHarness.start(b -> b.complaints(many), c -> c, c -> c);
            ComplaintFilter lastDay = ComplaintFilter.builder().between(now.minusDays(1).toInstant(), now.toInstant()).build();
            List<String> ids = h.client.complaints(lastDay).map(c -> c.id().value()).toList();
            assertThat(ids).hasSize(121).doesNotHaveDuplicates() // and the fixtures' newest complaint, of today
                    .containsAll(many.stream().map(dev.complaintkit.testkit.wechatpay.ComplaintSeed::id).toList());
            assertThat(listCalls()).extracting(r -> r.queryParameters().get("offset")).containsExactly("0", "50", "100");
        }

        @Test
        @DisplayName("a page past the newest window skips it by its total_count and reads the older window from the page's offset")
        void pageInTheOlderWindow() {
            start();
            ComplaintFilter sixty = ComplaintFilter.builder()
                    .between(SimHarness.TODAY.minusDays(59).atStartOfDay(WechatPaySimulator.SHANGHAI).toInstant(),
                            SimHarness.TODAY.atStartOfDay(WechatPaySimulator.SHANGHAI).toInstant()).build();
            List<Complaint> page = h.client.complaintsPage(sixty, new dev.complaintkit.model.PageRequest(8, 2)).items();
            assertThat(page).extracting(c -> c.id().value()).containsExactlyElementsOf(h.sim.complaintIds().subList(8, 10));
            List<RecordedRequest> calls = listCalls();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).queryParameters()).containsEntry("offset", "0").containsEntry("limit", "1");
            assertThat(calls.get(1).queryParameters()).containsEntry("offset", "2").containsEntry("limit", "2")
                    .containsEntry("end_date", SimHarness.TODAY.minusDays(30).toString());
        }

        @Test
        @DisplayName("a state filter is applied client-side over the windows")
        void stateFilter() {
            start();
            List<Complaint> pending = h.client.complaints(ComplaintFilter.builder().state(ComplaintState.PENDING).build()).toList();
            assertThat(pending).isNotEmpty().allSatisfy(c -> assertThat(c.state()).isEqualTo(ComplaintState.PENDING));
            assertThat(pending).extracting(c -> c.id().value()).contains(h.id(WechatPayFixtures.REFUND), h.id(WechatPayFixtures.IMMEDIATE));
        }

        @Test
        @DisplayName("a detail is read and its phone revealed only on request; the history comes in order")
        void detailPhoneHistory() {
            start();
            String id = h.id(WechatPayFixtures.REFUND);
            ComplaintDetail d = h.client.detail(ComplaintId.of(id));
            assertThat(d.id().value()).isEqualTo(id);
            assertThat(d.toString()).doesNotContain("13800138000");
            assertThat(h.client.revealPhone(d).number()).isEqualTo("13800138000");
            assertThat(d.userTags()).contains("TRUSTED");
            List<NegotiationEntry> history = h.client.history(ComplaintId.of(id), 2).toList();
            assertThat(history).extracting(NegotiationEntry::rawType)
                    .containsExactly("USER_CREATE_COMPLAINT", "USER_RESPONSE", "USER_RESPONSE");
            assertThat(history.get(0).type()).isEqualTo(OperationType.USER_CREATE_COMPLAINT);
        }

        @Test
        @DisplayName("unknown fields and enum values in an answer are kept, never a failure")
        void tolerant() {
            start();
            h.sim.nextUnknownEnumValues();
            ComplaintDetail d = h.client.detail(ComplaintId.of(h.id(0)));
            assertThat(d.userTags()).contains("SIM_NEW_TAG");
            h.sim.nextUnknownFields();
            assertThat(h.client.history(ComplaintId.of(h.id(0))).toList()).hasSize(3);
        }
    }

    @Nested
    @DisplayName("writing")
    class Writing {
        @Test
        @DisplayName("a reply goes to /response and moves the complaint to PROCESSING; one that needs immediate service is sent to response-immediate-service with its idempotent_id, applied once")
        void replies() {
            start();
            String normal = h.id(WechatPayFixtures.REFUND);
            h.client.reply(ReplyRequest.builder(normal).text("您好，已为您安排退款").jumpLink("https://shop.example.com/o/1", "查看订单").build());
            assertThat(h.sim.state(normal)).hasValue("PROCESSING");
            assertThat(h.sim.historyDetails(normal)).endsWith("您好，已为您安排退款");
            assertThat(h.posts(C + "/" + normal + "/response")).isEqualTo(1);

            String immediate = h.id(WechatPayFixtures.IMMEDIATE);
            ReplyRequest r = ReplyRequest.builder(immediate).text("马上为您处理").idempotencyKey("ck-immediate-0001").build();
            ReplyReceipt first = h.client.reply(r);
            ReplyReceipt again = h.client.reply(r);
            assertThat(first.idempotencyKey()).isEqualTo("ck-immediate-0001");
            assertThat(again.message()).isEqualTo(first.message());
            assertThat(h.posts(C + "/" + immediate + "/response")).isZero();
            assertThat(h.posts(C + "/" + immediate + "/response-immediate-service")).isEqualTo(2);
            assertThat(h.sim.historyTypes(immediate).stream().filter("MERCHANT_RESPONSE"::equals)).hasSize(1);
            assertThat(h.sim.state(immediate)).hasValue("PROCESSING");
        }

        @Test
        @DisplayName("a 201-character reply is refused before sending; 200 characters are taken")
        void responseContentLimit() {
            start();
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.detail(ComplaintId.of(id));
            int before = h.sim.requestCount();
            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(id).text("您".repeat(201)).build()))
                    .isInstanceOfSatisfying(dev.complaintkit.error.ValidationException.class, e -> assertThat(e.violations())
                            .extracting(dev.complaintkit.error.Violation::field).contains("text"));
            assertThat(h.sim.requestCount()).isEqualTo(before);
            h.client.reply(ReplyRequest.builder(id).text("您".repeat(200)).build());
            assertThat(h.sim.historyDetails(id)).endsWith("您".repeat(200));
        }

        @Test
        @DisplayName("a mini-program jump is sent as mini_program_jump_info; refused before sending to an immediate-service complaint")
        void miniProgramJump() {
            start();
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.reply(ReplyRequest.builder(id).text("请在小程序内查看退款进度")
                    .miniProgram("wx1234567890abcdef", "pages/refund/index?id=42", "查看进度").build());
            RecordedRequest sent = h.sim.requests("POST", C + "/" + id + "/response").get(0);
            assertThat(sent.bodyText()).contains("\"mini_program_jump_info\":{\"appid\":\"wx1234567890abcdef\","
                    + "\"path\":\"pages/refund/index?id=42\",\"text\":\"查看进度\"}");
            assertThat(h.sim.historyDetails(id)).endsWith("请在小程序内查看退款进度");

            String immediate = h.id(WechatPayFixtures.IMMEDIATE);
            h.client.detail(ComplaintId.of(immediate));
            int before = h.sim.requestCount();
            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(immediate).text("马上处理")
                    .miniProgram("wx1234567890abcdef", "pages/x", "查看").build()))
                    .isInstanceOfSatisfying(dev.complaintkit.error.ValidationException.class, e -> assertThat(e.violations())
                            .extracting(dev.complaintkit.error.Violation::field).containsExactly("miniProgramJump"));
            assertThat(h.sim.requestCount()).isEqualTo(before);
        }

        @Test
        @DisplayName("wechatpay.response-content-limit=500 (the partner page): 500 characters are taken, 501 refused before sending")
        void responseContentLimitRaised() {
            h = SimHarness.start(sim -> sim.responseContentLimit(500), settings -> settings.responseContentLimit(500), c -> c);
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.detail(ComplaintId.of(id));
            int before = h.sim.requestCount();
            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(id).text("您".repeat(501)).build()))
                    .isInstanceOfSatisfying(dev.complaintkit.error.ValidationException.class, e -> assertThat(e.violations())
                            .extracting(dev.complaintkit.error.Violation::field).containsExactly("text"));
            assertThat(h.sim.requestCount()).isEqualTo(before);
            h.client.reply(ReplyRequest.builder(id).text("您".repeat(500)).build());
            assertThat(h.sim.historyDetails(id)).endsWith("您".repeat(500));
        }

        @Test
        @DisplayName("complete processes the complaint; the refund decisions follow WeChat's field rules and state machine")
        void completeAndRefund() {
            start();
            String service = h.id(5);
            WriteReceipt done = h.client.complete(ComplaintRef.of(service));
            assertThat(done.complaintId().value()).isEqualTo(service);
            assertThat(h.sim.state(service)).hasValue("PROCESSED");

            String refund = h.id(WechatPayFixtures.REFUND);
            h.client.decideRefund(RefundDecision.approve(ComplaintRef.of(refund)).refundInDays(1).remark("同意退款").build());
            assertThat(h.sim.historyTypes(refund)).endsWith("MERCHANT_APPROVE_REFUND");
            h.sim.refundArrives(refund);
            assertThat(h.client.detail(ComplaintId.of(refund)).complaint().state()).isEqualTo(ComplaintState.PROCESSED);

            String other = h.id(4);
            h.client.decideRefund(RefundDecision.reject(ComplaintRef.of(other)).reason("商品已发货，物流单号见图").build());
            assertThat(h.sim.state(other)).hasValue("PROCESSED");
            assertThat(h.client.history(ComplaintId.of(other)).toList()).last()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(OperationType.MERCHANT_REFUSE_RERUND));
            assertThatThrownBy(() -> h.client.decideRefund(RefundDecision.approve(ComplaintRef.of(service)).build()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST"));
        }

        @Test
        @DisplayName("an uploaded image is used in a reply and downloaded back from the history; a user's image is downloaded by its raw URL")
        void images() {
            start();
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7, 7};
            String mediaId = h.client.uploadImage(new ImageUpload("凭证 \"1\".png", png)).mediaId();
            assertThat(h.sim.uploaded(mediaId)).hasValueSatisfying(b -> assertThat(b).isEqualTo(png));
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.reply(ReplyRequest.builder(id).text("请见凭证").image(mediaId).build());
            List<NegotiationEntry> history = h.client.history(ComplaintId.of(id)).toList();
            String url = history.get(history.size() - 1).images().get(0);
            DownloadedImage back = h.client.downloadImage(url);
            assertThat(back.bytes()).isEqualTo(png);

            String userImage = h.client.detail(ComplaintId.of(id)).media().get(0).urls().get(0);
            assertThat(userImage).contains("%3D");
            assertThat(h.client.downloadImage(userImage).bytes()).isEqualTo(h.sim.image(userImage).orElseThrow());
            assertThat(h.sim.signatureFailures()).isZero();
        }

        @Test
        @DisplayName("the notification URL is created, shown, updated and deleted")
        void notificationUrl() {
            start();
            assertThat(h.client.notificationUrl()).isEmpty();
            h.client.setNotificationUrl("https://shop.example.com/wechatpay/notify");
            assertThat(h.client.notificationUrl()).hasValue("https://shop.example.com/wechatpay/notify");
            h.client.setNotificationUrl("https://shop.example.com/wechatpay/notify2");
            assertThat(h.sim.notificationUrl()).hasValue("https://shop.example.com/wechatpay/notify2");
            assertThat(h.sim.requests("PUT", WechatPaySimulator.NOTIFY_URL_PATH)).hasSize(1);
            h.client.deleteNotificationUrl();
            assertThat(h.client.notificationUrl()).isEmpty();
        }
    }

    @Nested
    @DisplayName("service providers")
    class ServiceProviders {
        static final String SUB_1 = "1900000109";
        static final String SUB_2 = "1900000110";

        @Test
        @DisplayName("the default sub-merchant filters the list; a complaint of another sub-merchant is answered with its own complainted_mchid")
        void subMerchants() {
            String a = WechatPayFixtures.complaintId(SimHarness.TODAY, 501);
            String b = WechatPayFixtures.complaintId(SimHarness.TODAY, 502);
            java.time.OffsetDateTime at = java.time.OffsetDateTime.now(WechatPaySimulator.SHANGHAI).minusHours(3);
            h = SimHarness.start(s -> s.complaint(dev.complaintkit.testkit.wechatpay.ComplaintSeed.of(a, at).complaintedMchid(SUB_1),
                    dev.complaintkit.testkit.wechatpay.ComplaintSeed.of(b, at).complaintedMchid(SUB_2)),
                    c -> c.complaintedMchid(SUB_1), c -> c);
            assertThat(h.client.complaints(ComplaintFilter.all()).map(c -> c.id().value()).toList()).containsExactly(a);
            assertThat(listCalls().get(0).queryParameters()).containsEntry("complainted_mchid", SUB_1);
            h.client.reply(ReplyRequest.builder(a).text("您好").build());
            h.client.reply(ReplyRequest.builder(b).text("您好，已收到").build());
            assertThat(h.sim.historyDetails(b)).endsWith("您好，已收到");
            h.client.complete(ComplaintRef.of(b));
            assertThat(h.sim.state(b)).hasValue("PROCESSED");
        }
    }

    @Nested
    @DisplayName("reliability")
    class Reliability {
        @Test
        @DisplayName("a reply whose answer is lost is reconciled through the history and never posted twice")
        void lostReplyReconciled() {
            start();
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.detail(ComplaintId.of(id)); // learns need_immediate_service=false
            h.sim.nextAnswerLost();
            ReplyReceipt receipt = h.client.reply(ReplyRequest.builder(id).text("已处理完毕，退款将原路退回").build());
            assertThat(receipt.reconciled()).isTrue();
            assertThat(h.posts(C + "/" + id + "/response")).isEqualTo(1);
            assertThat(h.sim.historyDetails(id).stream().filter("已处理完毕，退款将原路退回"::equals)).hasSize(1);
        }

        @Test
        @DisplayName("an immediate-service reply and a refund decision whose answers are lost are applied once")
        void lostImmediateAndRefund() {
            start();
            String immediate = h.id(WechatPayFixtures.IMMEDIATE);
            h.client.detail(ComplaintId.of(immediate));
            h.sim.nextAnswerLost();
            h.client.reply(ReplyRequest.builder(immediate).text("马上为您处理").build());
            assertThat(h.sim.historyTypes(immediate).stream().filter("MERCHANT_RESPONSE"::equals)).hasSize(1);

            String refund = h.id(WechatPayFixtures.REFUND);
            h.sim.nextAnswerLost();
            WriteReceipt receipt = h.client.decideRefund(RefundDecision.approve(ComplaintRef.of(refund)).refundInDays(2).build());
            assertThat(receipt.reconciled()).isTrue();
            assertThat(h.posts(C + "/" + refund + "/update-refund-progress")).isEqualTo(1);
            assertThat(h.sim.historyTypes(refund).stream().filter("MERCHANT_APPROVE_REFUND"::equals)).hasSize(1);
        }

        @Test
        @DisplayName("a reply refused before it was handled leaves no trace in the history and is sent again, once")
        void droppedReplySentAgain() {
            start();
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.detail(ComplaintId.of(id));
            h.sim.inject(Fault.RESET_BEFORE_RESPONSE);
            ReplyReceipt receipt = h.client.reply(ReplyRequest.builder(id).text("您好").build());
            assertThat(receipt.reconciled()).isFalse();
            assertThat(h.posts(C + "/" + id + "/response")).isEqualTo(2);
            assertThat(h.sim.historyDetails(id).stream().filter("您好"::equals)).hasSize(1);
        }

        @Test
        @DisplayName("a complete whose answer is lost is confirmed by reading the detail, not sent again")
        void lostCompleteReconciled() {
            start();
            String id = h.id(5);
            h.sim.nextAnswerLost();
            assertThat(h.client.complete(ComplaintRef.of(id)).reconciled()).isTrue();
            assertThat(h.posts(C + "/" + id + "/complete")).isEqualTo(1);
        }

        @Test
        @DisplayName("a tampered answer and a signature probe are SignatureExceptions; the next answer is used again")
        void tamperedAndProbe() {
            start();
            ComplaintId id = ComplaintId.of(h.id(0));
            h.sim.nextTamperedAnswer();
            assertThatThrownBy(() -> h.client.detail(id)).isInstanceOf(SignatureException.class);
            h.sim.nextProbeSignature();
            assertThatThrownBy(() -> h.client.detail(id)).isInstanceOf(SignatureException.class);
            assertThat(h.client.detail(id).id()).isEqualTo(id);
        }

        @Test
        @DisplayName("WeChat's 429 FREQUENCY_LIMITED is retried; a signed 400 keeps its code and Request-ID")
        void errors() {
            start();
            h.sim.nextThrottled();
            assertThat(h.client.history(ComplaintId.of(h.id(0))).toList()).hasSize(3);
            h.sim.nextError(400, "PARAM_ERROR", "当前查询结果数据量过大");
            assertThatThrownBy(() -> h.client.detail(ComplaintId.of(h.id(0))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("PARAM_ERROR");
                        assertThat(e.getMessage()).contains("当前查询结果数据量过大").contains("08");
                    });
            assertThatThrownBy(() -> h.client.detail(ComplaintId.of("200201820000000000000000000")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("RESOURCE_NOT_EXISTS"));
        }

        @Test
        @DisplayName("past WeChat's per-minute reply budget the client waits for a permit instead of being throttled")
        void perMinuteLimitWaits() {
            TestClock clock = TestClock.at(Instant.now());
            PermitSource inner = PermitSource.inJvm(clock);
            AtomicInteger waits = new AtomicInteger();
            PermitSource advancing = budget -> {
                Duration wait = inner.tryAcquire(budget);
                if (wait.isZero() || wait.isNegative()) {
                    return wait;
                }
                waits.incrementAndGet();
                clock.advance(wait); // the minute passes at once: the client's sleep is 1 ms
                return Duration.ofMillis(1);
            };
            SharedState state = new SharedState(advancing, TokenStore.inJvm(clock), ProcessedNotifications.inMemory(clock));
            h = SimHarness.start(b -> b.clock(clock).rateLimits(true), c -> c, c -> c.clock(clock).sharedState(state));
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.detail(ComplaintId.of(id));
            int replies = WechatPaySimulator.Limit.REPLY.perMinute() + 1;
            for (int i = 0; i < replies; i++) {
                h.client.reply(ReplyRequest.builder(id).text("第 " + i + " 次回复").build());
            }
            assertThat(waits.get()).as("permit waits").isPositive();
            assertThat(h.sim.rateLimitedCount()).as("429s from the simulator").isZero();
            assertThat(h.sim.historyTypes(id).stream().filter("MERCHANT_RESPONSE"::equals)).hasSize(replies);
        }
    }

    @Nested
    @DisplayName("verification modes")
    class Modes {
        @Test
        @DisplayName("migration: a client holding the public key and a (rotated) certificate verifies answers under either serial; an unknown serial is a SignatureException")
        void migration() {
            h = SimHarness.start(b -> b.signingMode(WechatPaySimulator.SigningMode.MIGRATION)
                            .platformCertificate(OLD_SERIAL, resource("platform-old-private.pem")),
                    c -> c.platformCertificates(resource("platform-old-certificate.pem")), c -> c);
            ComplaintId id = ComplaintId.of(h.id(0));
            assertThat(h.client.detail(id).id()).isEqualTo(id);
            assertThat(h.sim.requests().get(0).header("Wechatpay-Serial")).hasValue(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
            h.sim.nextAnswerSerial(OLD_SERIAL);
            assertThat(h.client.detail(id).id()).isEqualTo(id);
            h.sim.nextAnswerSerial("PUB_KEY_ID_0119000121812099999999999999999");
            assertThatThrownBy(() -> h.client.detail(id)).isInstanceOf(SignatureException.class);
            WechatPaySimulator.Delivery byCertificate = h.sim.notification(id.value(), "USER_RESPONSE");
            assertThat(byCertificate.headers()).containsEntry("Wechatpay-Serial", OLD_SERIAL);
            assertThat(h.client.receive(SimHarness.delivery(byCertificate))).isInstanceOf(NotificationResult.Accepted.class);
        }

        @Test
        @DisplayName("certificate mode: answers under the certificate serial verify with the configured certificate")
        void certificate() {
            h = SimHarness.start(b -> b.signingMode(WechatPaySimulator.SigningMode.CERTIFICATE),
                    c -> c.platformCertificates(WechatPayTestKeys.platformCertificate()), c -> c);
            assertThat(h.client.complaints(ComplaintFilter.all()).toList()).hasSize(6);
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {
        final List<NotificationResult> results = new CopyOnWriteArrayList<>();
        SimulatorServer receiver;

        @AfterEach
        void stopReceiver() {
            if (receiver != null) {
                receiver.close();
            }
        }

        URI receiver() {
            receiver = SimulatorServer.create("merchant-webhook", r -> {
                NotificationResult result = h.client.receive(new NotificationDelivery(r.method(), r.headers(), r.body()));
                results.add(result);
                HttpReply reply = result.reply();
                ScriptedResponse answer = ScriptedResponse.of(reply.status(),
                        reply.headers().getOrDefault("Content-Type", "application/json"), reply.body());
                return answer;
            }).start();
            return URI.create(receiver.baseUri() + "/notifications/wechatpay");
        }

        @Test
        @DisplayName("deliveries over HTTP through the inbound port: valid accepted, its duplicate recognised, probe, stale, tampered and unsigned refused")
        void overHttp() {
            start();
            URI target = receiver();
            String id = h.id(WechatPayFixtures.REFUND);
            WechatPaySimulator.Delivery valid = h.sim.notification(id, "USER_RESPONSE");
            assertThat(h.sim.deliver(valid, target).accepted()).isTrue();
            assertThat(h.sim.deliver(valid, target).accepted()).as("a duplicate is answered 2xx").isTrue();
            List<WechatPaySimulator.NotificationVariant> bad = List.of(WechatPaySimulator.NotificationVariant.PROBE,
                    WechatPaySimulator.NotificationVariant.STALE, WechatPaySimulator.NotificationVariant.TAMPERED,
                    WechatPaySimulator.NotificationVariant.BAD_SIGNATURE, WechatPaySimulator.NotificationVariant.MISSING_SIGNATURE);
            for (WechatPaySimulator.NotificationVariant v : bad) {
                assertThat(h.sim.deliver(h.sim.notification(id, "USER_RESPONSE", v), target).status()).as(v.name())
                        .isBetween(400, 599);
            }
            assertThat(results.get(0)).isInstanceOfSatisfying(NotificationResult.Accepted.class, a -> {
                assertThat(a.event().complaintId().value()).isEqualTo(id);
                assertThat(a.event().action()).isEqualTo("USER_RESPONSE");
                assertThat(a.event().eventId()).isEqualTo(valid.id());
            });
            assertThat(results.get(1)).isInstanceOf(NotificationResult.Duplicate.class);
            List<NotificationResult.Reason> reasons = new ArrayList<>();
            for (NotificationResult r : results.subList(2, results.size())) {
                assertThat(r).isInstanceOf(NotificationResult.Refused.class);
                reasons.add(((NotificationResult.Refused) r).reason());
            }
            assertThat(reasons).containsExactly(NotificationResult.Reason.SIGNATURE, NotificationResult.Reason.STALE,
                    NotificationResult.Reason.SIGNATURE, NotificationResult.Reason.SIGNATURE, NotificationResult.Reason.SIGNATURE);
        }

        @Test
        @DisplayName("scenario hooks deliver COMPLAINT.CREATE and STATE_CHANGE events the client verifies")
        void scenario() {
            start();
            h.sim.notificationTarget(receiver());
            String id = h.id(WechatPayFixtures.REFUND);
            h.client.decideRefund(RefundDecision.approve(ComplaintRef.of(id)).build());
            h.sim.refundArrives(id);
            h.sim.userResponds(h.id(2), "什么时候处理？");
            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(NotificationResult.Accepted.class));
            assertThat(results).extracting(r -> r.verifiedEvent().orElseThrow().action()).containsExactly("REFUND_SUCCESS", "USER_RESPONSE");
            assertThat(h.sim.deliveries()).allSatisfy(d -> assertThat(d.accepted()).isTrue());
        }

        @Test
        @DisplayName("the same delivery handed to the port directly is accepted once, then a duplicate")
        void direct() {
            start();
            NotificationDelivery d = SimHarness.delivery(h.sim.notification(h.id(0), "CREATE_COMPLAINT"));
            assertThat(h.client.receive(d)).isInstanceOf(NotificationResult.Accepted.class);
            assertThat(h.client.receive(d)).isInstanceOf(NotificationResult.Duplicate.class);
        }
    }
}
