/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.SharedState;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.record.Fixture;
import dev.complaintkit.testkit.record.RecordingTransport;
import dev.complaintkit.testkit.record.Redactor;
import dev.complaintkit.testkit.record.ReplayTransport;
import dev.complaintkit.testkit.wechatpay.ComplaintSeed;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import dev.complaintkit.transport.JdkHttpTransport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorded WeChat Pay session committed in the test kit ({@value #RESOURCE}): how it is recorded
 * (a {@link RecordingTransport} around the real transport, against {@link WechatPaySimulator}, exactly
 * as a user would capture the real service), what it must not contain, and that the client replays it.
 * To record it again, from the repository root:
 * {@code ./mvnw -pl provider-wechatpay test -Dtest=WechatPaySessionTest -Dcomplaintkit.record.wechatpay=$PWD/testkit/src/main/resources/dev/complaintkit/testkit/wechatpay/session.json}.
 */
class WechatPaySessionTest {
    static final String RESOURCE = "dev/complaintkit/testkit/wechatpay/session.json";
    /** The seeds' day: the session lists this November, so recording again on another day gives the same calls. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    static final List<ComplaintSeed> SEEDS = WechatPayFixtures.sixtyDays(DAY);
    static final String REFUND = SEEDS.get(WechatPayFixtures.REFUND).id();
    static final String SERVICE = SEEDS.get(5).id();
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    /** What the session did, to compare a replay with. */
    record Outcome(List<String> listed, String phone, int historyRows, String mediaId, String replyKey, boolean completed,
            int imageBytes, String notifyUrl) {}

    /** The session: list a month, read and reveal, history, upload + reply, approve a refund, complete, image, notification URL. */
    static Outcome session(ComplaintClient client) {
        ComplaintFilter november = ComplaintFilter.builder().between(DAY.withDayOfMonth(1).atStartOfDay(WechatPaySimulator.SHANGHAI)
                .toInstant(), DAY.atStartOfDay(WechatPaySimulator.SHANGHAI).toInstant()).build();
        List<String> listed = client.complaintsPage(november, PageRequest.first(10)).items().stream().map(c -> c.id().value()).toList();
        ComplaintDetail detail = client.detail(ComplaintId.of(REFUND));
        String phone = client.revealPhone(detail).number();
        int rows = client.historyPage(ComplaintId.of(REFUND), PageRequest.first(50)).items().size();
        String mediaId = client.uploadImage(new ImageUpload("退款凭证.png", PNG)).mediaId();
        String key = client.reply(ReplyRequest.builder(REFUND).text("您好，已为您办理退款，请查收").image(mediaId)
                .idempotencyKey("ck0000000000000000000000000000001").build()).idempotencyKey();
        client.decideRefund(RefundDecision.approve(ComplaintRef.of(REFUND)).refundInDays(0).remark("同意退款").build());
        boolean completed = client.complete(ComplaintRef.of(SERVICE)).complaintId().value().equals(SERVICE);
        int image = client.downloadImage(detail.media().get(0).urls().get(0)).bytes().length;
        String url = client.setNotificationUrl("https://shop.example.com/notifications/wechatpay");
        return new Outcome(listed, phone, rows, mediaId, key, completed, image, url);
    }

    static ComplaintClient client(WechatPayConfig config, HttpTransport transport) {
        return Complaints.builder().provider(new WechatPayProvider()).config(config).transport(transport)
                .sharedState(SharedState.isolated()).build();
    }

    static Outcome record(Path file) {
        try (WechatPaySimulator sim = WechatPaySimulator.builder().complaints(SEEDS).build().start()) {
            HttpTransport recorder = RecordingTransport.to(file)
                    .redacting(Redactor.defaults().withSecretValues(WechatPayTestKeys.API_V3_KEY))
                    .wrapping(JdkHttpTransport.shared());
            try (ComplaintClient client = client(SimHarness.config(sim).build(), recorder)) {
                return session(client);
            }
        }
    }

    static List<String> calls(Fixture f) {
        List<String> out = new ArrayList<>();
        for (Fixture.Exchange e : f.exchanges()) {
            out.add(e.request().method() + " " + e.request().path() + " " + e.response().status());
        }
        return out;
    }

    @Test
    @DisplayName("recording the session again gives the committed calls, in order, with the same statuses")
    void recordedAgainMatches(@TempDir Path dir) {
        Path file = dir.resolve("session.json");
        Outcome outcome = record(file);
        String target = System.getProperty("complaintkit.record.wechatpay");
        if (target != null && !target.isBlank()) {
            record(Path.of(target));
        }
        assertThat(outcome.phone()).isEqualTo("13800138000");
        assertThat(calls(Fixture.read(file))).containsExactlyElementsOf(calls(Fixture.resource(RESOURCE)));
    }

    @Test
    @DisplayName("the committed session is a complaintkit-fixture/1 file without secrets, its answers signed as WeChat signs them")
    void committedSession() {
        Fixture f = Fixture.resource(RESOURCE);
        assertThat(f.format()).isEqualTo(Fixture.FORMAT);
        assertThat(calls(f)).hasSizeGreaterThanOrEqualTo(10)
                .contains("GET /v3/merchant-service/complaints-v2 200", "POST /v3/merchant-service/images/upload 200",
                        "POST /v3/merchant-service/complaints-v2/" + REFUND + "/response 204",
                        "GET /v3/merchant-service/complaint-notifications 400");
        String key = WechatPayTestKeys.merchantPrivateKey();
        for (Fixture.Exchange e : f.exchanges()) {
            Map<String, String> requestHeaders = e.request().headers();
            assertThat(requestHeaders.get("Authorization")).isEqualTo(Redactor.REDACTED);
            String all = e.toString();
            assertThat(all).doesNotContain(WechatPayTestKeys.API_V3_KEY).doesNotContain(key.substring(60, 120));
            Map<String, String> h = lower(e.response().headers());
            boolean download = e.request().path().startsWith(WechatPaySimulator.IMAGES_PATH) && !e.request().path().endsWith("/upload");
            assertThat(h.containsKey("wechatpay-signature")).as(e.request().path()).isEqualTo(!download);
            assertThat(h).containsKey("request-id").containsKey("content-type");
        }
    }

    @Test
    @DisplayName("the client replays the committed session (answers re-signed now) with the recorded outcome")
    void replays(@TempDir Path dir) {
        Outcome recorded = record(dir.resolve("fresh.json"));
        WechatPaySimulator signer = WechatPaySimulator.builder().build();
        ReplayTransport replay = ReplayTransport.from(Fixture.resource(RESOURCE)).rewritingResponses(signer.resigner()).build();
        WechatPayConfig config = WechatPayConfig.builder().endpoint("http://127.0.0.1:9").mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(dev.complaintkit.Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey()).build();
        try (ComplaintClient client = client(config, replay)) {
            Outcome replayed = session(client);
            assertThat(replayed).isEqualTo(recorded);
        }
        assertThat(replay.unused()).isZero();
    }

    static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
