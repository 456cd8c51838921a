/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ProblemType;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WeChat-complaint lifecycle end to end through {@code ComplaintClient}, against the simulator. */
class AllinpayLifecycleTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
    private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private Harness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Harness start(String signType, int complaints) {
        h = Harness.start(signType, ComplaintStore.create().seed(complaints, 3));
        return h;
    }

    private ComplaintId id(int index) {
        return h.store.complaints().get(index).id();
    }

    private RecordedRequest last(String op) {
        List<RecordedRequest> all = h.simulator.requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path().endsWith("/riskfeeback/" + op)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no request to " + op);
    }

    @Nested
    @DisplayName("list")
    class Listing {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "RSA2", "SM2"})
        @DisplayName("the last 30 days by page number, version 11, begindate/enddate in Beijing time; rows as stored")
        void wire(String signType) {
            start(signType, 5);
            List<Complaint> all = h.client.complaints(ComplaintFilter.all(), 2).toList();
            assertThat(all).extracting(Complaint::id).containsExactlyElementsOf(h.store.complaints().stream().map(Complaint::id).toList());
            assertThat(all).allSatisfy(c -> {
                assertThat(c.providerId()).isEqualTo("allinpay");
                assertThat(c.extra()).containsEntry("merchantNo", AllinpayTestKeys.CUSID);
            });
            assertThat(all.get(0).complainedAt().toInstant()).isEqualTo(h.store.complaints().get(0).complainedAt().toInstant());
            List<RecordedRequest> lists = h.simulator.requests();
            assertThat(lists).hasSize(3);
            Map<String, String> f = lists.get(0).formFields();
            assertThat(f).containsEntry("version", "11").containsEntry("current_page_num", "1").containsEntry("page_size", "2")
                    .containsEntry("signtype", signType).containsEntry("begindate", "2024-03-16 08:00:00")
                    .containsEntry("enddate", "2024-04-15 08:00:00").doesNotContainKey("groupall");
            assertThat(lists).extracting(r -> r.formFields().get("current_page_num")).containsExactly("1", "2", "3");
        }

        @Test
        @DisplayName("a range longer than 30 days is split into windows, newest first, read as one sequence")
        void longRangeIsSplit() {
            start("RSA", 0);
            Instant base = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < 7; i++) {
                h.store.add(new Complaint(ComplaintId.of("20000000000000000" + i), "store", ComplaintState.PENDING,
                        dev.complaintkit.model.Channel.WECHAT_PAY, "r" + i, base.plus(Duration.ofDays(12L * i)).atOffset(java.time.ZoneOffset.UTC),
                        java.util.Optional.empty(), false, java.util.Optional.empty(), "", "o" + i, Map.of()), List.of());
            }
            ComplaintFilter range = ComplaintFilter.builder().between(base, base.plus(Duration.ofDays(80))).build();
            List<String> ids = h.client.complaints(range, 2).map(c -> c.id().value()).toList();
            // windows newest first: (50, 80], (20, 50], [0, 20]; each window in store order
            assertThat(ids).containsExactly("200000000000000005", "200000000000000006", "200000000000000002",
                    "200000000000000003", "200000000000000004", "200000000000000000", "200000000000000001");
            for (RecordedRequest r : h.simulator.requests()) {
                LocalDateTime begin = LocalDateTime.parse(r.formFields().get("begindate"), WIRE_TIME);
                LocalDateTime end = LocalDateTime.parse(r.formFields().get("enddate"), WIRE_TIME);
                assertThat(Duration.between(begin, end)).isLessThanOrEqualTo(Duration.ofDays(30));
            }
            Page<Complaint> third = h.client.complaintsPage(range, new PageRequest(4, 2));
            assertThat(third.items()).extracting(c -> c.id().value()).containsExactly("200000000000000004", "200000000000000000");
        }

        @Test
        @DisplayName("filters Allinpay's list cannot apply, and pages above list-page-limit, are violations; nothing sent")
        void unsupportedFilters() {
            start("RSA", 1);
            assertThatThrownBy(() -> h.client.complaintsPage(ComplaintFilter.builder().state(ComplaintState.PENDING).build(),
                    PageRequest.first(21))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactlyInAnyOrder("filter.state", "page.size"));
            assertThat(h.simulator.requestCount()).isZero();
        }

        @Test
        @DisplayName("a complaint-id filter reads that complaint's detail: one row, or none outside the range")
        void byComplaintId() {
            start("RSA", 3);
            Page<Complaint> one = h.client.complaintsPage(ComplaintFilter.builder().complaintId(id(1).value()).build(),
                    PageRequest.first(10));
            assertThat(one.items()).extracting(Complaint::id).containsExactly(id(1));
            assertThat(one.totalCount()).hasValue(1);
            assertThat(h.simulator.takeRequest().path()).endsWith("/riskfeeback/wxcomplaintdetail");
            Instant late = Instant.parse("2024-04-10T00:00:00Z");
            assertThat(h.client.complaints(ComplaintFilter.builder().complaintId(id(1).value()).between(late, late.plusSeconds(60))
                    .build()).toList()).isEmpty();
        }

        @Test
        @DisplayName("group mode sends groupall=1; a group merchant's list without it is refused by Allinpay")
        void groupAll() {
            ComplaintStore store = ComplaintStore.create().seed(2, 1);
            try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).clock(Harness.CLOCK).testMerchant()
                    .subMerchants(AllinpayTestKeys.APPID, true, "990000000000001").build().start();
                    ComplaintClient plain = Harness.client(Harness.configFor(sim, "RSA").build(), RetryPolicy.none(), Duration.ofSeconds(5));
                    ComplaintClient group = Harness.client(Harness.configFor(sim, "RSA").groupAll(true).build(), RetryPolicy.none(),
                            Duration.ofSeconds(5))) {
                assertThatThrownBy(() -> plain.complaints(ComplaintFilter.all()).toList())
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerMessage()).contains("groupall"));
                assertThat(group.complaints(ComplaintFilter.all()).toList()).hasSize(2);
                assertThat(sim.requests().get(1).formFields()).containsEntry("groupall", "1");
            }
        }
    }

    @Nested
    @DisplayName("agents: the sub-merchant travels by itself")
    class Agents {
        private static final String SUB_A = "990000000000101";
        private static final String SUB_B = "990000000000202";

        @Test
        @DisplayName("rows carry merchantNo, and detail, history, reply, complete and refund about a listed complaint send it as cusid")
        void subMerchantFromTheList() {
            ComplaintStore store = ComplaintStore.create().seed(3, 2);
            try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).clock(Harness.CLOCK).testMerchant()
                    .subMerchants(AllinpayTestKeys.APPID, false, SUB_A, SUB_B).build().start();
                    ComplaintClient agent = Harness.client(Harness.configFor(sim, "SM2").build(), RetryPolicy.none(), Duration.ofSeconds(5))) {
                ComplaintId a = store.complaints().get(0).id();
                ComplaintId b = store.complaints().get(1).id();
                sim.assignSubMerchant(a.value(), SUB_A);
                sim.assignSubMerchant(b.value(), SUB_B);

                assertThatThrownBy(() -> agent.detail(a)).as("before the list, the agent's own cusid is sent, and refused")
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerMessage()).contains("不属于"));

                List<Complaint> rows = agent.complaints(ComplaintFilter.all()).toList();
                assertThat(rows).extracting(c -> c.extra().get("merchantNo")).containsExactly(SUB_A, SUB_B, AllinpayTestKeys.CUSID);

                assertThat(agent.detail(a).subMerchant()).hasValue(SUB_A);
                assertThat(agent.history(a).toList()).hasSize(2);
                agent.reply(ReplyRequest.builder(a.value()).text("您好，已为您处理").build());
                agent.decideRefund(RefundDecision.approve(ComplaintRef.of(b)).build());
                agent.complete(ComplaintRef.of(b));
                List<RecordedRequest> perComplaint = sim.requests().stream()
                        .filter(r -> !r.path().endsWith("wxcomplaintlistquery")).toList();
                assertThat(perComplaint.subList(1, perComplaint.size())).extracting(r -> r.formFields().get("cusid"))
                        .containsExactly(SUB_A, SUB_A, SUB_A, SUB_B, SUB_B);
                assertThat(store.find(b).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSED);
            }
        }

        @Test
        @DisplayName("a sub-merchant named by the caller wins over the remembered one")
        void explicitSubMerchantWins() {
            ComplaintStore store = ComplaintStore.create().seed(1, 2);
            try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).clock(Harness.CLOCK).testMerchant()
                    .subMerchants(AllinpayTestKeys.APPID, false, SUB_A, SUB_B).build().start();
                    ComplaintClient agent = Harness.client(Harness.configFor(sim, "RSA").build(), RetryPolicy.none(), Duration.ofSeconds(5))) {
                ComplaintId a = store.complaints().get(0).id();
                sim.assignSubMerchant(a.value(), SUB_A);
                agent.complaints(ComplaintFilter.all()).toList();
                assertThatThrownBy(() -> agent.detail(ComplaintRef.of(a).forSubMerchant(SUB_B))).isInstanceOf(ProviderException.class);
                assertThat(sim.requests().get(1).formFields()).containsEntry("cusid", SUB_B);
            }
        }
    }

    @Nested
    @DisplayName("detail")
    class Detail {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "RSA2", "SM2"})
        @DisplayName("wxcomplaintdetail, version 12: orders, problem type, requested refund, media (an array here), masked phone")
        void detail(String signType) {
            start(signType, 2);
            ComplaintDetail d = h.client.detail(id(0));
            assertThat(d.id()).isEqualTo(id(0));
            assertThat(d.orders()).singleElement().satisfies(o -> {
                assertThat(o.merchantOrderNo()).isEqualTo("order-0");
                assertThat(o.amountFen()).isPresent();
            });
            assertThat(d.problemType()).isEqualTo(ProblemType.REFUND);
            assertThat(d.requestedRefundFen()).hasValue(100);
            assertThat(d.media()).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo("USER_COMPLAINT_IMAGE"));
            assertThat(d.phone().masked()).hasValue("188****0000");
            assertThat(d.complaintCount()).isEqualTo(1);
            assertThat(last("wxcomplaintdetail").formFields()).containsEntry("version", "12").containsEntry("complaint_id", id(0).value());
            assertThat(h.client.detail(id(1)).problemType()).isEqualTo(ProblemType.SERVICE_NOT_WORK);
        }

        @Test
        @DisplayName("an unknown complaint is FAIL with Allinpay's message")
        void unknown() {
            start("RSA", 1);
            assertThatThrownBy(() -> h.client.detail(ComplaintId.of("404")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("FAIL"));
        }
    }

    @Nested
    @DisplayName("writes")
    class Writes {
        @Test
        @DisplayName("upload (multipart, the file part unsigned) → mediaid; reply with it joins ids with #@#; PENDING → PROCESSING, one history row")
        void uploadThenReply() {
            start("SM2", 1);
            UploadedImage first = h.client.uploadImage(new ImageUpload("receipt.png", PNG));
            UploadedImage second = h.client.uploadImage(new ImageUpload("proof.jpg", PNG));
            RecordedRequest upload = last("wxmerchantimageupload");
            assertThat(upload.header("content-type").orElseThrow()).startsWith("multipart/form-data; boundary=");
            assertThat(upload.bodyText()).contains("name=\"file\"; filename=\"proof.jpg\"").contains("name=\"sign\"")
                    .contains("name=\"version\"\r\n\r\n11\r\n");
            assertThat(first.mediaId()).isNotBlank().isNotEqualTo(second.mediaId());

            ReplyReceipt receipt = h.client.reply(ReplyRequest.builder(id(0).value()).text("已退款，请查收")
                    .image(first.mediaId()).image(second.mediaId()).build());
            assertThat(receipt.code()).isEqualTo("SUCCESS");
            Map<String, String> f = last("complaintsResp").formFields();
            assertThat(f).containsEntry("response_images", first.mediaId() + "#@#" + second.mediaId())
                    .containsEntry("response_content", "已退款，请查收").containsEntry("version", "11");
            assertThat(h.store.find(id(0)).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSING);
            List<NegotiationEntry> history = h.client.history(id(0)).toList();
            assertThat(history).hasSize(4).last().satisfies(e -> {
                assertThat(e.type()).isEqualTo(OperationType.MERCHANT_RESPONSE);
                assertThat(e.images()).hasSize(2);
            });
        }

        @Test
        @DisplayName("a jump link, an id holding #@#, a non-image and an oversized image are violations; nothing sent")
        void writeViolations() {
            h = Harness.start("RSA", ComplaintStore.create().seed(1, 1), b -> b.uploadMaxBytes(10));
            assertThatThrownBy(() -> h.client.reply(ReplyRequest.builder(id(0).value()).text("t").image("a#@#b")
                    .jumpLink("https://example.com/x", "查看").build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactlyInAnyOrder("jumpLink", "imageMediaIds[0]"));
            assertThatThrownBy(() -> h.client.uploadImage(new ImageUpload("a.gif", PNG)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactlyInAnyOrder("fileName", "bytes"));
            assertThat(h.simulator.requestCount()).isZero();
        }

        @Test
        @DisplayName("complete moves to PROCESSED with a history row; a second completion is Allinpay's FAIL")
        void complete() {
            start("RSA", 1);
            WriteReceipt r = h.client.complete(ComplaintRef.of(id(0)));
            assertThat(r.operation()).isEqualTo("complete");
            assertThat(h.client.detail(id(0)).complaint().state()).isEqualTo(ComplaintState.PROCESSED);
            assertThat(h.client.history(id(0)).toList()).last().extracting(NegotiationEntry::type)
                    .isEqualTo(OperationType.MERCHANT_CONFIRM_COMPLETE);
            assertThatThrownBy(() -> h.client.complete(ComplaintRef.of(id(0))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerMessage()).contains("已完结"));
        }

        @Test
        @DisplayName("refund: approve sends launch_refund_day; reject sends reason, remark and the media ids joined with #@#")
        void refund() {
            start("RSA2", 2);
            h.client.decideRefund(RefundDecision.approve(ComplaintRef.of(id(0))).refundInDays(3).build());
            assertThat(last("wxcomplaintsrefundprogress").formFields()).containsEntry("action", "APPROVE")
                    .containsEntry("launch_refund_day", "3").doesNotContainKey("reject_reason");
            String m1 = h.client.uploadImage(new ImageUpload("a.png", PNG)).mediaId();
            String m2 = h.client.uploadImage(new ImageUpload("b.png", PNG)).mediaId();
            h.client.decideRefund(RefundDecision.reject(ComplaintRef.of(id(1))).reason("已发货").image(m1).image(m2)
                    .remark("见物流单").build());
            assertThat(last("wxcomplaintsrefundprogress").formFields()).containsEntry("action", "REJECT")
                    .containsEntry("reject_reason", "已发货").containsEntry("reject_media_list", m1 + "#@#" + m2)
                    .containsEntry("remark", "见物流单").doesNotContainKey("launch_refund_day");
            assertThat(h.client.history(id(0)).toList()).last().extracting(NegotiationEntry::type)
                    .isEqualTo(OperationType.MERCHANT_APPROVE_REFUND);
            assertThat(h.client.history(id(1)).toList()).last().extracting(NegotiationEntry::type)
                    .isEqualTo(OperationType.MERCHANT_REFUSE_RERUND);
        }

        @Test
        @DisplayName("a reply whose answer's signature fails was taken by Allinpay: reading confirms it, it is not sent again")
        void badSignatureOnAWriteIsReconciled() {
            start("SM2", 1);
            h.simulator.nextBadSignature();
            ReplyReceipt r = h.client.reply(ReplyRequest.builder(id(0).value()).text("稍后回电").build());
            assertThat(r.reconciled()).isTrue();
            assertThat(h.simulator.requests()).filteredOn(q -> q.path().endsWith("complaintsResp")).hasSize(1);
        }

        @Test
        @DisplayName("fields this version does not know, signed, are ignored by every interface")
        void unknownFields() {
            start("RSA", 1);
            h.simulator.nextUnknownFields();
            assertThat(h.client.detail(id(0)).id()).isEqualTo(id(0));
            h.simulator.nextUnknownFields();
            assertThat(h.client.complete(ComplaintRef.of(id(0))).complaintId()).isEqualTo(id(0));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"reply", "complete", "approve", "reject"})
        @DisplayName("a write whose answer is lost after Allinpay made it is confirmed by reading, never sent twice")
        void resetAfterHandlingIsReconciled(String write) {
            h = Harness.retrying("RSA", ComplaintStore.create().seed(1, 1));
            h.simulator.inject(Fault.RESET_AFTER_HANDLING);
            ComplaintRef ref = ComplaintRef.of(id(0));
            boolean reconciled = switch (write) {
                case "reply" -> h.client.reply(ReplyRequest.builder(id(0).value()).text("已处理").build()).reconciled();
                case "complete" -> h.client.complete(ref).reconciled();
                case "approve" -> h.client.decideRefund(RefundDecision.approve(ref).build()).reconciled();
                default -> h.client.decideRefund(RefundDecision.reject(ref).reason("不符合退款条件").build()).reconciled();
            };
            assertThat(reconciled).isTrue();
            long writes = h.simulator.requests().stream().filter(r -> !r.path().endsWith("wxcomplainthistory")
                    && !r.path().endsWith("wxcomplaintdetail")).count();
            assertThat(writes).as("the write was sent once").isEqualTo(1);
            assertThat(h.store.history(id(0)).orElseThrow()).hasSize(2);
        }
    }

    @Nested
    @DisplayName("SUCCESS with a retmsg on a write: the public clients disagree, allinpay.success-with-retmsg decides")
    class SuccessWithRetmsg {
        @Test
        @DisplayName("RECONCILE (default): the complaint is read; the write is confirmed when it was made, never sent twice")
        void reconcileFound() {
            start("RSA", 1);
            h.simulator.nextSuccessWithRetmsg("处理中", true);
            ReplyReceipt r = h.client.reply(ReplyRequest.builder(id(0).value()).text("已联系").build());
            assertThat(r.reconciled()).isTrue();
            assertThat(h.store.history(id(0)).orElseThrow()).as("3 seeded rows and the one reply").hasSize(4);
            assertThat(h.simulator.requests()).filteredOn(q -> q.path().endsWith("complaintsResp")).hasSize(1);
        }

        @Test
        @DisplayName("RECONCILE: when reading shows the write was not made, the error says so and carries retmsg")
        void reconcileAbsent() {
            start("RSA", 1);
            h.simulator.nextSuccessWithRetmsg("系统繁忙", false);
            assertThatThrownBy(() -> h.client.complete(ComplaintRef.of(id(0))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("SUCCESS");
                        assertThat(e.providerMessage()).startsWith("系统繁忙");
                    });
            assertThat(h.store.find(id(0)).orElseThrow().state()).isNotEqualTo(ComplaintState.PROCESSED);
        }

        @Test
        @DisplayName("ERROR: a ProviderException SUCCESS with the retmsg, not retried, not reconciled")
        void error() {
            h = Harness.retrying("RSA", ComplaintStore.create().seed(1, 1),
                    b -> b.successWithRetmsg(AllinpayConfig.SuccessWithRetmsg.ERROR));
            h.simulator.nextSuccessWithRetmsg("请勿重复提交", true);
            assertThatThrownBy(() -> h.client.complete(ComplaintRef.of(id(0))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.providerMessage()).isEqualTo("请勿重复提交");
                        assertThat(e.isRetryable()).isFalse();
                    });
            assertThat(h.simulator.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("SUCCESS: the retmsg is informational and the receipt carries it")
        void success() {
            h = Harness.start("RSA", ComplaintStore.create().seed(1, 1),
                    b -> b.successWithRetmsg(AllinpayConfig.SuccessWithRetmsg.SUCCESS));
            h.simulator.nextSuccessWithRetmsg("回复成功", true);
            ReplyReceipt r = h.client.reply(ReplyRequest.builder(id(0).value()).text("您好").build());
            assertThat(r.message()).isEqualTo("回复成功");
            assertThat(r.reconciled()).isFalse();
        }
    }

    @Nested
    @DisplayName("image download")
    class Download {
        @Test
        @DisplayName("imgurl is the media URL as returned; imagebase64 comes back as the image's bytes")
        void download() {
            start("SM2", 1);
            String url = h.client.detail(id(0)).media().get(0).urls().get(0);
            DownloadedImage image = h.client.downloadImage(url);
            assertThat(image.bytes()).isEqualTo(h.simulator.imageAt(url));
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(last("wxgetmerchantimage").formFields()).containsEntry("imgurl", url);
        }

        @Test
        @DisplayName("a media URL holding & or = (signed raw) is refused before sending")
        void foldingUrl() {
            start("RSA", 1);
            assertThatThrownBy(() -> h.client.downloadImage("https://api.mch.weixin.qq.com/v3/merchant-service/images/a&b=c"))
                    .isInstanceOf(ValidationException.class);
            assertThat(h.simulator.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("the notification URL")
    class NotifyUrl {
        @Test
        @DisplayName("has no API at Allinpay (it is set in the portal): UnsupportedCapabilityException, nothing sent")
        void unsupported() {
            start("RSA", 1);
            assertThatThrownBy(() -> h.client.setNotificationUrl("https://example.com/notify"))
                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                        assertThat(e.providerId()).isEqualTo("allinpay");
                        assertThat(e.operation()).isEqualTo("notification URL");
                        assertThat(e.getMessage()).contains("set in Allinpay's merchant portal");
                    });
            assertThatThrownBy(() -> h.client.requireCapability(dev.complaintkit.Capability.NOTIFICATION_URL))
                    .hasMessageContaining("set in Allinpay's merchant portal");
            assertThat(h.simulator.requestCount()).isZero();
        }
    }

    @Test
    @DisplayName("RSA2 signs requests with SHA256WithRSA: a 2048-bit signature Allinpay verifies")
    void rsa2Wire() {
        start("RSA2", 1);
        h.client.history(id(0)).toList();
        Map<String, String> f = h.simulator.takeRequest().formFields();
        assertThat(f).containsEntry("signtype", "RSA2");
        assertThat(Base64.getDecoder().decode(f.get("sign"))).hasSize(256);
    }
}
