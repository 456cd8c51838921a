/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.provider.allinpay.AllinpayProvider;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.provider.xiaoe.XiaoeProvider;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaProvider;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.record.RecordingTransport;
import dev.complaintkit.testkit.record.Redactor;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import dev.complaintkit.transport.JdkHttpTransport;
import java.nio.file.Path;

/**
 * Records the sessions committed under the test kit's resources ({@code <provider>/session.json}),
 * exactly as a user would capture a real provider: a {@link RecordingTransport} around the real
 * transport. Run from the repository root: {@code java … RecordedSessions testkit/src/main/resources}.
 */
public final class RecordedSessions {
    static final String YIMA = "dev/complaintkit/testkit/yima/session.json";
    static final String XIAOE = "dev/complaintkit/testkit/xiaoe/session.json";
    static final String ALLINPAY = "dev/complaintkit/testkit/allinpay/session.json";
    static final String YIMA_SECRET = "recorded-session-secret";
    static final String YIMA_COMPLAINT = "200201820200101080076610000";

    private RecordedSessions() {}

    /** @param args the resources folder to write into */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "testkit/src/main/resources");
        yima(out.resolve(YIMA));
        xiaoe(out.resolve(XIAOE));
        allinpay(out.resolve(ALLINPAY));
    }

    /** An SM2 merchant streaming a 25-row history in pages of 10. */
    static void allinpay(Path file) {
        ComplaintStore store = ComplaintStore.create().seed(1, 25);
        try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start()) {
            String key = AllinpayTestKeys.merchantPrivateKey("SM2");
            HttpTransport recorder = RecordingTransport.to(file)
                    .redacting(Redactor.defaults().withSecretValues(key)).wrapping(JdkHttpTransport.shared());
            AllinpayConfig config = AllinpayConfig.builder().endpoint(sim.endpoint()).appid(AllinpayTestKeys.APPID)
                    .cusid(AllinpayTestKeys.CUSID).signType("SM2").privateKey(key)
                    .platformPublicKey(sim.platformPublicKey("SM2")).build();
            try (ComplaintClient client = Complaints.builder().provider(new AllinpayProvider()).config(config)
                    .transport(recorder).build()) {
                client.history(store.complaints().get(0).id(), 10).toList();
            }
        }
    }

    static void yima(Path file) {
        ComplaintStore store = ComplaintStore.create().addHistory(YIMA_COMPLAINT, java.util.List.of());
        try (YimaSimulator sim = YimaSimulator.builder().secret(YIMA_SECRET).store(store).build().start()) {
            HttpTransport recorder = RecordingTransport.to(file)
                    .redacting(Redactor.defaults().withSecretValues(YIMA_SECRET)).wrapping(JdkHttpTransport.shared());
            YimaConfig config = YimaConfig.builder().endpoint(sim.endpoint()).isspid("39493002").systemId("8888")
                    .sellerAccount("66660000000000001").secret(YIMA_SECRET).build();
            try (ComplaintClient client = Complaints.builder().provider(new YimaProvider()).config(config)
                    .transport(recorder).build()) {
                client.reply(ReplyRequest.builder(YIMA_COMPLAINT).text("已与用户沟通解决")
                        .image("file752398_7983424").image("file752399_7983425")
                        .jumpLink("https://www.xxx.com/aaaa", "查看订单详情").idempotencyKey("resp202406170000000001").build());
                client.reply(ReplyRequest.builder(YIMA_COMPLAINT).text("退款已原路退回，请查收")
                        .idempotencyKey("resp202406170000000002").build());
            }
        }
    }

    static void xiaoe(Path file) {
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(ComplaintStore.create().seed(25, 0)).build().start()) {
            HttpTransport recorder = RecordingTransport.to(file)
                    .redacting(Redactor.defaults().withSecretValues(XiaoeSimulator.SECRET_KEY)).wrapping(JdkHttpTransport.shared());
            XiaoeConfig config = XiaoeConfig.builder().endpoint(sim.baseUri()).appId(XiaoeSimulator.APP_ID)
                    .clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY).build();
            try (ComplaintClient client = Complaints.builder().provider(new XiaoeProvider()).config(config)
                    .transport(recorder).build()) {
                client.complaints(ComplaintFilter.all(), 10).toList();
            }
        }
    }
}
