/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import static dev.complaintkit.testkit.ComplaintAssertions.assertThat;
import static dev.complaintkit.testkit.ComplaintAssertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.ReplyRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ComplaintAssertions")
class ComplaintAssertionsTest {
    @Test
    @DisplayName("complaint assertions pass on matching data and fail with a clear message otherwise")
    void complaints() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(6, 3);
        Complaint first = fake.complaints().get(0);
        assertThat(first).hasState(ComplaintState.PENDING).hasChannel(Channel.SHOP).isOverdue().isOpen()
                .isFrom("fake").hasExtra("seq", "0").hasId(first.id().value());
        assertThat(fake.complaints().get(2)).hasState(ComplaintState.PROCESSED).isClosed().isNotOverdue();
        assertThatThrownBy(() -> assertThat(first).hasState(ComplaintState.PROCESSED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be PROCESSED but was PENDING");
        assertThat(fake.history(first.id()).get(0)).hasType(OperationType.USER_CREATE_COMPLAINT)
                .hasRawType("USER_CREATE_COMPLAINT").hasMediaCount(1);
    }

    @Test
    @DisplayName("reply assertions check what reached the fake")
    void replies() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(2, 1);
        String id = fake.complaints().get(1).id().value();
        ComplaintClient client = Complaints.builder().provider(fake).build();
        assertThat(fake).receivedNoReply();
        client.reply(ReplyRequest.builder(id).text("已为您退款").build());
        assertThat(fake).receivedReply(id, "已为您退款").receivedReplies(1);
        assertThatThrownBy(() -> assertThat(fake).receivedReply(id, "别的"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to read <别的> but it read <已为您退款>");
        assertThatThrownBy(() -> assertThat(fake).receivedReply(fake.complaints().get(0).id().value()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("received 0");
    }
}
