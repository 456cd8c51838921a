/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the notification dispatcher")
class NotificationDispatcherTest {
    private static ComplaintEvent event(String id) {
        return new ComplaintEvent(id, ComplaintEvent.Type.CREATED, "COMPLAINT.CREATE", ComplaintId.of("c1"), "",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), "fake", Map.of());
    }

    @Test
    @DisplayName("with its pool busy and its queue full, it answers first and then publishes on the caller's thread: nothing is dropped")
    void fullQueue() throws Exception {
        ComplaintClient client = Complaints.builder().provider(FakeComplaintProvider.create()).name("shop1").build();
        CountDownLatch workerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> published = new CopyOnWriteArrayList<>();
        NotificationDispatcher dispatcher = new NotificationDispatcher(e -> {
            ComplaintNotificationEvent n = (ComplaintNotificationEvent) e;
            published.add(n.event().eventId() + "@" + Thread.currentThread().getName());
            if (n.event().eventId().equals("e1")) {
                workerBusy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 1, 1, Duration.ofSeconds(10));
        List<String> answered = new CopyOnWriteArrayList<>();
        dispatcher.dispatch(client, event("e1"), () -> answered.add("e1"));
        assertThat(workerBusy.await(30, TimeUnit.SECONDS)).isTrue();
        dispatcher.dispatch(client, event("e2"), () -> answered.add("e2")); // waits in the queue
        dispatcher.dispatch(client, event("e3"), () -> answered.add("e3")); // queue full: the caller publishes
        String caller = Thread.currentThread().getName();
        assertThat(answered).containsExactly("e3");
        assertThat(published).contains("e3@" + caller);
        release.countDown();
        dispatcher.destroy();
        assertThat(published).extracting(s -> s.substring(0, 2)).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(published).filteredOn(s -> s.startsWith("e1") || s.startsWith("e2"))
                .allSatisfy(s -> assertThat(s).contains("complaintkit-notifications-"));
    }

    @Test
    @DisplayName("a listener that throws is contained: the next event is still published on the same pool")
    void throwingListener() throws Exception {
        ComplaintClient client = Complaints.builder().provider(FakeComplaintProvider.create()).build();
        List<String> published = new CopyOnWriteArrayList<>();
        NotificationDispatcher dispatcher = new NotificationDispatcher(e -> {
            String id = ((ComplaintNotificationEvent) e).event().eventId();
            published.add(id);
            if (id.equals("bad")) {
                throw new IllegalStateException("listener failed on purpose");
            }
        }, 1, 10, Duration.ofSeconds(10));
        dispatcher.dispatch(client, event("bad"), () -> { });
        dispatcher.dispatch(client, event("good"), () -> { });
        dispatcher.destroy();
        assertThat(published).containsExactly("bad", "good");
    }
}
