/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.YimaBaseline;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Yima end-to-end set-up: the test kit's simulator on a loopback port, serving
 * {@value #COMPLAINTS} complaints (replies rotate over them, so no single history grows long), a
 * library client ({@code Complaints.builder()}, JSON, {@code MD5_SORTED_KEY}) and the hand-written
 * baseline, both pointed at it.
 */
public final class YimaRig implements AutoCloseable {
    /** The signing key shared by the simulator and both clients. */
    public static final String SECRET = "bench-yima-secret-7f3a9c2e";
    /** The seed's merchant. */
    public static final String ISSPID = "39493002";
    /** The seed's platform number. */
    public static final String SYSTEM_ID = "8888";
    /** The seed's collecting account. */
    public static final String SELLER_ACCOUNT = "66660000000000001";
    /** The reply text (Chinese, as in real use). */
    public static final String TEXT = "您好，已与您电话沟通，款项已按原路退回，请留意到账通知。如有疑问请联系客服。";
    /** The jump link sent with every reply. */
    public static final String JUMP_URL = "https://shop.example.com/orders/2024040112345678";
    /** Its text. */
    public static final String JUMP_TEXT = "查看订单详情";
    /** How many complaints the simulator holds. */
    public static final int COMPLAINTS = 1000;

    private final YimaSimulator simulator;
    private final ComplaintClient library;
    private final YimaBaseline baseline;
    private final List<String> ids;
    private final AtomicInteger next = new AtomicInteger();

    private YimaRig() {
        ComplaintStore store = ComplaintStore.create().seed(COMPLAINTS, 0);
        this.ids = store.complaints().stream().map(Complaint::id).map(id -> id.value()).toList();
        this.simulator = YimaSimulator.builder().secret(SECRET).store(store).build().start();
        this.library = Complaints.builder().config(YimaConfig.builder()
                .endpoint(simulator.endpoint()).isspid(ISSPID).systemId(SYSTEM_ID).sellerAccount(SELLER_ACCOUNT)
                .secret(SECRET).build()).build();
        this.baseline = new YimaBaseline(Wire.newHttpClient(), simulator.endpoint(), ISSPID, SYSTEM_ID, SELLER_ACCOUNT, SECRET);
    }

    /**
     * Starts a rig and proves both clients work against it (one reply each).
     *
     * @return the rig
     */
    public static YimaRig start() {
        YimaRig rig = new YimaRig();
        ReplyReceipt receipt = rig.libraryReply();
        String txn = rig.baselineReply();
        if (!receipt.code().equals("0000") || rig.simulator.replies().size() != 2
                || !rig.simulator.replies().get(1).transactionId().equals(txn)) {
            rig.close();
            throw new IllegalStateException("the Yima rig does not work: " + receipt + ", " + rig.simulator);
        }
        return rig;
    }

    private String nextId() {
        return ids.get(Math.floorMod(next.getAndIncrement(), ids.size()));
    }

    /** @return the receipt of one reply through the library */
    public ReplyReceipt libraryReply() {
        return library.reply(ReplyRequest.builder(nextId()).text(TEXT).jumpLink(JUMP_URL, JUMP_TEXT).build());
    }

    /** @return the transaction id of one reply through the baseline */
    public String baselineReply() {
        return baseline.reply(nextId(), TEXT, JUMP_URL, JUMP_TEXT);
    }

    /** @return the simulator */
    public YimaSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        library.close();
        simulator.close();
    }
}
