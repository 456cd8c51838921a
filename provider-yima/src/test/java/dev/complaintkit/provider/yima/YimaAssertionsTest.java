/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static dev.complaintkit.testkit.ComplaintAssertions.assertThat;

import dev.complaintkit.model.ReplyRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ComplaintAssertions on the Yima simulator")
class YimaAssertionsTest {
    @Test
    @DisplayName("a user's test reads as script, exercise, verify: what reached the simulator is asserted in model terms")
    void receivedReply() {
        try (YimaHarness h = YimaHarness.xml()) {
            assertThat(h.simulator).receivedNoReply();
            h.simulator.dropConnectionAfterNextReply();
            h.client.reply(ReplyRequest.builder(YimaHarness.COMPLAINT).text("已与用户沟通解决")
                    .image("file752398_7983424").jumpLink("https://www.xxx.com/aaaa", "查看订单详情").build());
            assertThat(h.simulator).receivedReply(YimaHarness.COMPLAINT, "已与用户沟通解决").receivedReplies(1);
            assertThat(h.simulator.receivedReplies().get(0).jumpLink()).hasValueSatisfying(link ->
                    assertThat(link.text()).isEqualTo("查看订单详情"));
        }
    }
}
