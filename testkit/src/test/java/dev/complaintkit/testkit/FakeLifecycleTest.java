/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.UploadedImage;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A complaint's whole lifecycle through ComplaintClient, on the fake provider")
class FakeLifecycleTest {
    private FakeComplaintProvider fake;
    private ComplaintClient client;
    private ComplaintId pending;

    @BeforeEach
    void setUp() {
        fake = FakeComplaintProvider.create().seed(3, 2);
        client = Complaints.builder().provider(fake).build();
        pending = fake.complaints().get(0).id(); // seed: the first is PENDING
        fake.phone(pending, "13800138000");
    }

    @Test
    @DisplayName("the fake offers every capability, and is not found by discovery (tests wire it by hand)")
    void everyCapabilityAndNotDiscovered() {
        assertThat(client.capabilities()).isEqualTo(EnumSet.allOf(Capability.class));
        assertThat(Complaints.discover().find(FakeComplaintProvider.ID)).isEmpty();
    }

    @Test
    @DisplayName("detail: orders, problem type and the phone encrypted; revealPhone decrypts it only when asked")
    void detailAndReveal() {
        ComplaintDetail d = client.detail(pending);
        assertThat(d.id()).isEqualTo(pending);
        assertThat(d.orders()).hasSize(1);
        assertThat(d.problemType()).isEqualTo(dev.complaintkit.model.ProblemType.REFUND);
        assertThat(d.phone().form()).isEqualTo(dev.complaintkit.model.ComplainantPhone.Form.ENCRYPTED);
        assertThat(d.toString()).doesNotContain("13800138000");
        assertThat(client.revealPhone(d).number()).isEqualTo("13800138000");
    }

    @Test
    @DisplayName("reply moves PENDING to PROCESSING and appears in the history; complete moves it to PROCESSED")
    void replyThenComplete() {
        client.reply(ReplyRequest.builder(pending.value()).text("您好，已为您处理").build());
        assertThat(fake.complaint(pending).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSING);
        assertThat(client.history(pending).toList()).last()
                .satisfies(e -> assertThat(e.type()).isEqualTo(OperationType.MERCHANT_RESPONSE));
        assertThat(client.complete(ComplaintRef.of(pending)).complaintId()).isEqualTo(pending);
        assertThat(fake.complaint(pending).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSED);
        assertThat(fake.completions()).hasSize(1);
    }

    @Test
    @DisplayName("refund: a rejection with an uploaded image is recorded and closes the complaint; bad fields are refused first")
    void refundDecision() {
        UploadedImage image = client.uploadImage(new ImageUpload("proof.png", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> client.decideRefund(RefundDecision.reject(ComplaintRef.of(pending)).refundInDays(2).build()))
                .isInstanceOf(ValidationException.class);
        assertThat(fake.refundDecisions()).isEmpty();
        client.decideRefund(RefundDecision.reject(ComplaintRef.of(pending)).reason("已发货，无法退款").image(image.mediaId()).build());
        assertThat(fake.refundDecisions()).singleElement().satisfies(d -> assertThat(d.rejectImageMediaIds())
                .containsExactly(image.mediaId()));
        assertThat(fake.complaint(pending).orElseThrow().state()).isEqualTo(ComplaintState.PROCESSED);
    }

    @Test
    @DisplayName("images: an upload gets a media id and downloads back byte for byte")
    void uploadAndDownload() {
        UploadedImage image = client.uploadImage(new ImageUpload("proof.png", new byte[] {9, 8, 7}));
        DownloadedImage back = client.downloadImage(FakeComplaintProvider.MEDIA_BASE + image.mediaId());
        assertThat(back.bytes()).containsExactly(9, 8, 7);
        assertThat(back.contentType()).isEqualTo("image/png");
    }

    @Test
    @DisplayName("notifications: accepted once, then a duplicate; a forged one is refused")
    void notifications() {
        assertThat(client.receive(fake.notification("evt-1", pending))).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(client.receive(fake.notification("evt-1", pending))).isInstanceOf(NotificationResult.Duplicate.class);
        NotificationResult forged = client.receive(dev.complaintkit.model.NotificationDelivery.of("POST",
                java.util.Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(forged).isInstanceOfSatisfying(NotificationResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(NotificationResult.Reason.SIGNATURE));
    }

    @Test
    @DisplayName("a keyed reply whose answer is lost is retried with the same key and recorded once")
    void lostReplyRetriedWithTheSameKey() {
        fake.loseNextAnswer();
        client.reply(ReplyRequest.builder(pending.value()).text("您好").build());
        assertThat(fake.replies()).hasSize(1);
        assertThat(fake.calls()).filteredOn(call -> call.operation().equals("reply")).hasSize(2);
    }

    @Test
    @DisplayName("notification URL: set, shown, deleted")
    void notificationUrl() {
        assertThat(client.notificationUrl()).isEmpty();
        client.setNotificationUrl("https://shop.example.invalid/complaints/notify");
        assertThat(client.notificationUrl()).contains("https://shop.example.invalid/complaints/notify");
        client.deleteNotificationUrl();
        assertThat(fake.notificationUrlSet()).isEmpty();
    }

    @Test
    @DisplayName("a completion whose answer is lost is confirmed by reading the state, not sent twice")
    void lostCompletionReconciled() {
        fake.loseNextAnswer(); // the fake completes, then the answer is lost
        assertThat(client.complete(ComplaintRef.of(pending)).reconciled()).isTrue();
        assertThat(fake.completions()).hasSize(1);
        assertThat(fake.calls()).filteredOn(call -> call.operation().equals("complete")).hasSize(1);
    }
}
