/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.net.URI;
import java.util.Map;

/** {@link FirstCall}'s library side: build a client through the public API, make one call. */
final class LibraryFirstCall {
    private LibraryFirstCall() {}

    static String allinpay(URI endpoint, String complaintId) {
        try (ComplaintClient client = Complaints.client(AllinpayConfig.builder().endpoint(endpoint)
                .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType("SM2")
                .privateKey(AllinpayTestKeys.merchantPrivateKey("SM2"))
                .platformPublicKey(AllinpayTestKeys.platformPublicKey("SM2")).build())) {
            int rows = client.historyPage(ComplaintId.of(complaintId), PageRequest.first(AllinpayRig.PAGE)).items().size();
            return FirstCall.check(rows == AllinpayRig.PAGE, rows + " rows");
        }
    }

    static String yima(URI endpoint) {
        try (ComplaintClient client = Complaints.builder().config(YimaConfig.builder().endpoint(endpoint)
                .isspid(YimaRig.ISSPID).systemId(YimaRig.SYSTEM_ID).sellerAccount(YimaRig.SELLER_ACCOUNT)
                .secret(YimaRig.SECRET).build()).build()) {
            String code = client.reply(ReplyRequest.builder(ColdStart.YIMA_COMPLAINT).text(YimaRig.TEXT)
                    .jumpLink(YimaRig.JUMP_URL, YimaRig.JUMP_TEXT).build()).code();
            return FirstCall.check(code.equals("0000"), "result " + code);
        }
    }

    static String xiaoe(URI base) {
        try (ComplaintClient client = Complaints.client("xiaoe", Map.of("xiaoe.endpoint", base.toString(),
                "xiaoe.app-id", XiaoeSimulator.APP_ID, "xiaoe.client-id", XiaoeSimulator.CLIENT_ID,
                "xiaoe.secret-key", XiaoeSimulator.SECRET_KEY))) {
            int rows = client.complaintsPage(ComplaintFilter.all(), PageRequest.first(XiaoeRig.PAGE)).items().size();
            return FirstCall.check(rows == XiaoeRig.PAGE, rows + " rows");
        }
    }
}
