/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four JVMs, 16 threads each, one Redis, replying for 20 s through {@code ComplaintClient} with the
 * WeChat Pay provider, which takes its per-minute permits from {@code ProviderContext.sharedState()},
 * against one loopback WeChat Pay ({@link WechatPayStub}) that enforces the reply limit of 60 per
 * minute: the four together stay within it, so no reply is answered 429.
 */
class MultiJvmWechatPayTest {
    static final int JVMS = 4;
    static final int THREADS = 16;
    static final Duration RUN = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @Test
    @DisplayName("four JVMs replying at once against the 60-per-minute reply limit: 0 × 429, and the whole minute's budget used")
    void replyLimitSharedAcrossJvms() throws Exception {
        try (WechatPayStub wechat = new WechatPayStub();
                ChildJvms jvms = ChildJvms.start(JVMS, List.of("redis=" + REDIS.uri(), "prefix=jvms-wechat",
                        "threads=" + THREADS, "duration-ms=" + RUN.toMillis(), "wechat=" + wechat.baseUri()))) {
            Instant go = Instant.now();
            jvms.go();
            List<ChildJvms.Result> results = jvms.results(RUN.plusSeconds(30));
            if (results.stream().mapToLong(ChildJvms.Result::ok).sum() != WechatPayStub.REPLIES_PER_MINUTE) {
                for (int i = 0; i < JVMS; i++) {
                    System.err.println("child " + i + " standard error:\n" + jvms.tail(i));
                }
            }
            List<Instant> replies = wechat.replies();
            int busiestMinute = XiaoeSimulator.busiestWindow(replies, Duration.ofMinutes(1));
            long ok = results.stream().mapToLong(ChildJvms.Result::ok).sum();
            System.out.printf("shared state (wechat pay reply, 60/min): jvms=%d threads=%d run=%ds replies=%d http_429=%d "
                    + "busiest_minute=%d child_errors=%s%n", JVMS, THREADS, RUN.toSeconds(), replies.size(),
                    wechat.tooManyRequests(), busiestMinute, results.stream().map(ChildJvms.Result::errors).toList());
            assertThat(wechat.tooManyRequests()).as("replies answered 429").isZero();
            assertThat(wechat.unsignedRequests()).isZero();
            assertThat(busiestMinute).isLessThanOrEqualTo(WechatPayStub.REPLIES_PER_MINUTE);
            assertThat(replies).as("the minute's budget is used by the four together").hasSize(WechatPayStub.REPLIES_PER_MINUTE);
            assertThat(replies).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(go));
            assertThat(ok).isEqualTo(WechatPayStub.REPLIES_PER_MINUTE);
            assertThat(results).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        }
    }
}
