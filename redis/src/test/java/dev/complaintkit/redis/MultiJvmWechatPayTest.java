/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.wechatpay.ComplaintSeed;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four JVMs, 16 threads each, one Redis, replying for 20 s through {@code ComplaintClient} with the
 * WeChat Pay provider, which takes its per-minute permits from {@code ProviderContext.sharedState()},
 * against one {@link WechatPaySimulator} in this JVM with WeChat's per-minute limits on (reply 60 per
 * sliding minute, beyond it 429 {@code FREQUENCY_LIMITED}): the four together stay within it, so no
 * reply is answered 429. Each worker replies to its own pending complaint, which needs no immediate
 * service, so every reply is one {@code /response} accepts.
 */
class MultiJvmWechatPayTest {
    static final int JVMS = 4;
    static final int THREADS = 16;
    static final Duration RUN = Duration.ofSeconds(20);
    static final int REPLIES_PER_MINUTE = WechatPaySimulator.Limit.REPLY.perMinute();

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @Test
    @DisplayName("four JVMs replying at once against the simulator's 60-per-minute reply limit: 0 × 429, and the whole minute's budget used")
    void replyLimitSharedAcrossJvms() throws Exception {
        OffsetDateTime yesterday = OffsetDateTime.now(WechatPaySimulator.SHANGHAI).minusDays(1).withNano(0);
        List<ComplaintSeed> seeds = IntStream.range(0, JVMS * THREADS)
                .mapToObj(i -> ComplaintSeed.of("2002018202406120930" + String.format("%08d", i), yesterday.plusSeconds(i))
                        .state("PENDING").needImmediateService(false).problemType("SERVICE_NOT_WORK"))
                .toList();
        List<String> ids = seeds.stream().map(ComplaintSeed::id).toList();
        try (WechatPaySimulator wechat = WechatPaySimulator.builder().rateLimits(true).complaints(seeds).build().start();
                ChildJvms jvms = ChildJvms.start(JVMS, List.of("redis=" + REDIS.uri(), "prefix=jvms-wechat",
                        "threads=" + THREADS, "duration-ms=" + RUN.toMillis(), "wechat=" + wechat.baseUri(),
                        "wechat-complaints=" + String.join(",", ids)))) {
            Instant go = Instant.now();
            jvms.go();
            List<ChildJvms.Result> results = jvms.results(RUN.plusSeconds(30));
            long ok = results.stream().mapToLong(ChildJvms.Result::ok).sum();
            if (ok != REPLIES_PER_MINUTE) {
                for (int i = 0; i < JVMS; i++) {
                    System.err.println("child " + i + " standard error:\n" + jvms.tail(i));
                }
            }
            List<RecordedRequest> sent = wechat.requests("POST", WechatPaySimulator.COMPLAINTS_PATH + "/").stream()
                    .filter(r -> r.path().endsWith("/response")).toList();
            List<Instant> replies = sent.stream().map(RecordedRequest::receivedAt).toList();
            int busiestMinute = XiaoeSimulator.busiestWindow(replies, Duration.ofMinutes(1));
            List<String> applied = new ArrayList<>(); // the merchant replies the simulator wrote into the histories
            for (String id : ids) {
                List<String> types = wechat.historyTypes(id);
                List<String> details = wechat.historyDetails(id);
                for (int row = 0; row < types.size(); row++) {
                    if (types.get(row).equals("MERCHANT_RESPONSE")) {
                        applied.add(details.get(row));
                    }
                }
            }
            System.out.printf("shared state (wechat pay reply, 60/min): jvms=%d threads=%d run=%ds replies=%d http_429=%d "
                    + "busiest_minute=%d child_errors=%s%n", JVMS, THREADS, RUN.toSeconds(), replies.size(),
                    wechat.rateLimitedCount(), busiestMinute, results.stream().map(ChildJvms.Result::errors).toList());
            assertThat(wechat.rateLimitedCount()).as("replies answered 429 FREQUENCY_LIMITED").isZero();
            assertThat(wechat.signatureFailures()).isZero();
            assertThat(busiestMinute).isLessThanOrEqualTo(REPLIES_PER_MINUTE);
            assertThat(replies).as("the minute's budget is used by the four together").hasSize(REPLIES_PER_MINUTE);
            assertThat(replies).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(go));
            assertThat(ok).isEqualTo(REPLIES_PER_MINUTE);
            assertThat(applied).as("every reply sent is in a history, once: none refused, none applied twice")
                    .hasSize(sent.size()).doesNotHaveDuplicates().allSatisfy(text -> assertThat(text).startsWith("已为您处理，请查收（"));
            assertThat(ids).allSatisfy(id -> assertThat(wechat.state(id)).hasValueSatisfying(
                    state -> assertThat(state).isIn("PENDING", "PROCESSING")));
            assertThat(results).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        }
    }
}
