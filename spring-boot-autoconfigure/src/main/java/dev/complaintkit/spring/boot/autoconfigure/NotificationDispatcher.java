/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintEvent;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes accepted notifications to the application's listeners on a bounded pool, after the
 * provider was answered. A full queue makes the request thread publish (its answer is already
 * sent): an accepted event is never dropped. A listener that throws is logged; the delivery
 * stays acknowledged.
 */
final class NotificationDispatcher implements DisposableBean {
    private static final Log LOG = LogFactory.getLog(NotificationDispatcher.class);

    private final ApplicationEventPublisher publisher;
    private final ThreadPoolExecutor executor;
    private final Duration shutdownGrace;

    NotificationDispatcher(ApplicationEventPublisher publisher, int threads, int queueCapacity, Duration shutdownGrace) {
        this.publisher = publisher;
        this.shutdownGrace = shutdownGrace;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "complaintkit-notifications-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        int size = Math.max(1, threads);
        this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, queueCapacity)), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param client the client the event arrived for
     * @param event the accepted event
     * @param sendAnswer commits the provider's answer; run before publishing on the request thread
     */
    void dispatch(ComplaintClient client, ComplaintEvent event, Runnable sendAnswer) {
        Runnable task = () -> publish(client, event);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("[" + client.name() + "] the notification queue is full (" + executor.getQueue().size()
                    + " waiting): publishing event " + event.eventId() + " on the request thread after answering");
            sendAnswer.run();
            task.run();
        }
    }

    private void publish(ComplaintClient client, ComplaintEvent event) {
        try {
            publisher.publishEvent(new ComplaintNotificationEvent(client, event));
        } catch (RuntimeException | Error e) {
            LOG.error("[" + client.name() + "] a listener failed on notification " + event.eventId() + " (" + event.type()
                    + ", complaint " + event.complaintId().value() + "); the delivery was acknowledged and will not be repeated", e);
        }
    }

    /** @return notifications waiting for a thread */
    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn(executor.getQueue().size() + " accepted notifications were not published before shutdown");
            executor.shutdownNow();
        }
    }
}
