/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import dev.complaintkit.benchmarks.baseline.AllinpayBaseline;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.XiaoeBaseline;
import dev.complaintkit.benchmarks.baseline.YimaBaseline;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.net.URI;

/** {@link FirstCall}'s baseline side: the hand-written clients, no library class loaded. */
final class BaselineFirstCall {
    private BaselineFirstCall() {}

    static String allinpay(URI endpoint, String complaintId) {
        AllinpayBaseline client = new AllinpayBaseline(Wire.newHttpClient(), endpoint, AllinpayTestKeys.APPID,
                AllinpayTestKeys.CUSID, "SM2", AllinpayTestKeys.merchantPrivateKey("SM2"),
                AllinpayTestKeys.platformPublicKey("SM2"));
        int rows = client.history(complaintId, 0, AllinpayRig.PAGE).path("data").size();
        return FirstCall.check(rows == AllinpayRig.PAGE, rows + " rows");
    }

    static String yima(URI endpoint) {
        String txn = new YimaBaseline(Wire.newHttpClient(), endpoint, YimaRig.ISSPID, YimaRig.SYSTEM_ID,
                YimaRig.SELLER_ACCOUNT, YimaRig.SECRET).reply(ColdStart.YIMA_COMPLAINT, YimaRig.TEXT, YimaRig.JUMP_URL,
                YimaRig.JUMP_TEXT);
        return FirstCall.check(txn.length() == 32, "accepted " + txn); // reply() throws unless result.id is 0000
    }

    static String xiaoe(URI base) {
        XiaoeBaseline client = new XiaoeBaseline(Wire.newHttpClient(), base);
        String token = client.token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY);
        int rows = client.list(token, 1, XiaoeRig.PAGE).path("list").size();
        return FirstCall.check(rows == XiaoeRig.PAGE, rows + " rows");
    }
}
