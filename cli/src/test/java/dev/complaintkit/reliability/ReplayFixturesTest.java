/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.provider.allinpay.AllinpayProvider;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.provider.xiaoe.XiaoeProvider;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaProvider;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.record.Fixture;
import dev.complaintkit.testkit.record.ReplayTransport;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded sessions shipped in the test kit replay through real clients, with no server at all. */
@DisplayName("recorded sessions replay")
class ReplayFixturesTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("Yima: two replies replay (signatures restored by the simulator's re-signer) and carry no secret")
    void yima() throws Exception {
        Fixture fixture = Fixture.resource(RecordedSessions.YIMA);
        Path copy = dir.resolve("yima.json");
        fixture.write(copy);
        assertThat(Files.readString(copy, StandardCharsets.UTF_8)).doesNotContain(RecordedSessions.YIMA_SECRET)
                .contains("\\\"sign\\\":\\\"REDACTED\\\"");
        YimaSimulator signer = YimaSimulator.builder().secret("replay-secret").store(ComplaintStore.create()).build();
        ReplayTransport replay = ReplayTransport.from(fixture).rewritingResponses(signer::resign).build();
        YimaConfig config = YimaConfig.builder().endpoint("https://yima.invalid/yima/gateway").isspid("39493002")
                .systemId("8888").sellerAccount("66660000000000001").secret("replay-secret").build();
        try (ComplaintClient client = Complaints.builder().provider(new YimaProvider()).config(config).transport(replay).build()) {
            ReplyReceipt first = client.reply(ReplyRequest.builder(RecordedSessions.YIMA_COMPLAINT).text("已与用户沟通解决")
                    .idempotencyKey("resp202406170000000001").build());
            ReplyReceipt second = client.reply(ReplyRequest.builder(RecordedSessions.YIMA_COMPLAINT).text("退款已原路退回，请查收")
                    .idempotencyKey("resp202406170000000002").build());
            assertThat(List.of(first.code(), second.code())).containsOnly("0000");
            assertThat(second.idempotencyKey()).isEqualTo("resp202406170000000002");
        }
        assertThat(replay.unused()).isZero();
    }

    @Test
    @DisplayName("Allinpay: an SM2 history of three pages replays (re-signed by the simulator's platform key), no key recorded")
    void allinpay() {
        Fixture fixture = Fixture.resource(RecordedSessions.ALLINPAY);
        String recorded = fixture.exchanges().toString();
        assertThat(recorded).doesNotContain(AllinpayTestKeys.merchantPrivateKey("SM2").substring(30, 90))
                .contains("sign=REDACTED");
        AllinpaySimulator signer = AllinpaySimulator.builder().build();
        ReplayTransport replay = ReplayTransport.from(fixture).rewritingResponses(signer.resigner("SM2")).build();
        AllinpayConfig config = AllinpayConfig.builder().endpoint("https://allinpay.invalid/cusapi")
                .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType("SM2")
                .privateKey(AllinpayTestKeys.merchantPrivateKey("SM2")).platformPublicKey(signer.platformPublicKey("SM2")).build();
        String complaint = ComplaintStore.create().seed(1, 0).complaints().get(0).id().value();
        try (ComplaintClient client = Complaints.builder().provider(new AllinpayProvider()).config(config).transport(replay).build()) {
            assertThat(client.history(dev.complaintkit.model.ComplaintId.of(complaint), 10).toList()).hasSize(25);
        }
        assertThat(replay.served()).isEqualTo(3);
    }

    @Test
    @DisplayName("Xiaoe: token and three list pages replay to the same 25 complaints, no token or secret recorded")
    void xiaoe() {
        Fixture fixture = Fixture.resource(RecordedSessions.XIAOE);
        String text = fixture.exchanges().toString();
        assertThat(text).doesNotContain(XiaoeSimulator.SECRET_KEY);
        ReplayTransport replay = ReplayTransport.from(fixture).build();
        XiaoeConfig config = XiaoeConfig.builder().endpoint("https://xiaoe.invalid").appId("app_replay")
                .clientId("xop_replay").secretKey("replay-secret").build();
        try (ComplaintClient client = Complaints.builder().provider(new XiaoeProvider()).config(config).transport(replay).build()) {
            List<Complaint> all = client.complaints(ComplaintFilter.all(), 10).toList();
            assertThat(all).hasSize(25);
            assertThat(all).extracting(Complaint::providerId).containsOnly("xiaoe");
        }
        assertThat(replay.served()).isEqualTo(4);
        assertThat(replay.unused()).isZero();
    }
}
