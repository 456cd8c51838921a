/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FakeComplaintProvider")
class FakeComplaintProviderTest {

    @Test
    @DisplayName("is not registered through ServiceLoader: a test wires it by hand")
    void wiredByHand() {
        assertThat(Complaints.discover().ids()).doesNotContain("fake");
        try (ComplaintClient client = Complaints.builder().provider(FakeComplaintProvider.create()).build()) {
            assertThat(client.providerId()).isEqualTo("fake");
            assertThat(client.complaints(ComplaintFilter.all()).count()).isZero();
        }
    }

    @Test
    @DisplayName("rejects settings it does not have")
    void unknownSetting() {
        assertThatThrownBy(() -> Complaints.builder().provider(FakeComplaintProvider.create())
                .properties(Map.of("fake.colour", "blue")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("fake.colour");
    }

    @Test
    @DisplayName("filters by state and channel, and records each call")
    void filtersAndRecords() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(12, 2);
        ComplaintClient client = Complaints.builder().provider(fake).build();
        var pending = client.complaints(ComplaintFilter.builder().state(ComplaintState.PENDING).build(), 3).toList();
        assertThat(pending).hasSize(4).allSatisfy(c -> assertThat(c.state()).isEqualTo(ComplaintState.PENDING));
        assertThat(fake.calls()).extracting(FakeComplaintProvider.Call::operation).containsOnly("list complaints");
        assertThat(fake.calls()).extracting(FakeComplaintProvider.Call::page)
                .containsExactly(new PageRequest(0, 3), new PageRequest(3, 3));
        var wechat = client.complaints(ComplaintFilter.builder().channel(Channel.WECHAT_PAY).build()).toList();
        assertThat(wechat).extracting(Complaint::channel).containsOnly(Channel.WECHAT_PAY);
    }

    @Test
    @DisplayName("a reply is recorded once per idempotency key and appended to the history")
    void replies() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 1);
        ComplaintId id = fake.complaints().get(0).id();
        ComplaintClient client = Complaints.builder().provider(fake).build();
        ReplyRequest reply = ReplyRequest.builder(id.value()).text("已退款").idempotencyKey("k1").build();
        client.reply(reply);
        client.reply(reply);
        assertThat(fake.replies()).hasSize(1);
        assertThat(fake.history(id)).hasSize(2).last()
                .satisfies(e -> assertThat(e.type()).isEqualTo(OperationType.MERCHANT_RESPONSE));
    }

    @Test
    @DisplayName("can be told to fail the next call; transient failures are retried by the client")
    void failNext() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 3);
        ComplaintId id = fake.complaints().get(0).id();
        ComplaintClient noRetry = Complaints.builder().provider(fake).retryPolicy(RetryPolicy.none()).build();
        fake.failNext(new ProviderException("fake", "SYSTEMERROR", "系统繁忙", false));
        assertThatThrownBy(() -> noRetry.history(id).toList()).isInstanceOf(ProviderException.class)
                .hasMessageContaining("SYSTEMERROR");
        fake.failNext(new TransportException("reset", null, true));
        ComplaintClient retrying = Complaints.builder().provider(fake)
                .retryPolicy(RetryPolicy.defaults().withBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2))).build();
        assertThat(retrying.history(id).toList()).hasSize(3);
        fake.reset();
        assertThat(fake.complaints()).isEmpty();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    @DisplayName("an unknown complaint is a provider error, not an empty history")
    void unknownComplaint() {
        FakeComplaintProvider fake = FakeComplaintProvider.create();
        ComplaintClient client = Complaints.builder().provider(fake).build();
        assertThatThrownBy(() -> client.history(ComplaintId.of("nope")).toList())
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("seeded data covers every operation type and is deterministic")
    void seedCoverage() {
        ComplaintStore a = ComplaintStore.create().seed(30, 10);
        ComplaintStore b = ComplaintStore.create().seed(30, 10);
        assertThat(a.histories()).isEqualTo(b.histories());
        assertThat(a.histories().values().stream().flatMap(java.util.List::stream).map(e -> e.type()).distinct().count())
                .isEqualTo(OperationType.values().length - 1);
    }
}
