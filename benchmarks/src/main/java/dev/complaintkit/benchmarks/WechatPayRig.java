/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.PermitSource;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.SharedState;
import dev.complaintkit.TokenStore;
import dev.complaintkit.benchmarks.baseline.WechatPayBaseline;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.wechatpay.WechatPayConfig;
import dev.complaintkit.testkit.wechatpay.ComplaintSeed;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WeChat Pay end-to-end set-up: the test kit's {@link WechatPaySimulator} on a loopback port
 * (public-key mode, its per-minute limits off) holding {@value #COMPLAINTS} complaints of the last
 * 25 days plus one with a history of {@value #HISTORY} rows; a library client, the hand-written
 * baseline and (see {@link WxJavaPeer}) WxJava, all pointed at it with the test merchant's keys.
 *
 * <p>Every call is signed by the client and every answer's signature verified. The list rows carry
 * no {@code payer_phone}: WxJava decrypts every row's phone eagerly (an RSA private-key operation
 * each) where the library only decrypts on an explicit reveal, and the comparison is meant to be
 * about the wire and the parsing, not that design difference. The library's own per-minute limiter
 * runs with WeChat's budgets raised (×100,000) through a {@link SharedState}, so it is measured but
 * never waits.
 */
public final class WechatPayRig implements AutoCloseable {
    /** How many complaints the list pages over; replies rotate over them. */
    public static final int COMPLAINTS = 1000;
    /** Rows in the list page (WeChat's maximum). */
    public static final int LIST_PAGE = 50;
    /** Rows in the history page, and in the history complaint's history. */
    public static final int HISTORY = 100;
    /** The reply text (Chinese, as in real use). */
    public static final String TEXT = "您好，已与您电话沟通，款项已按原路退回，请留意到账通知。如有疑问请联系客服。";

    private final WechatPaySimulator simulator;
    private final ComplaintClient library;
    private final WechatPayBaseline baseline;
    private final List<String> ids;
    private final String historyId;
    private final LocalDate today = LocalDate.now(WechatPaySimulator.SHANGHAI);
    private final ComplaintFilter last30Days;
    private final AtomicInteger next = new AtomicInteger();

    private WechatPayRig() {
        List<ComplaintSeed> seeds = new ArrayList<>();
        List<String> replyable = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(WechatPaySimulator.SHANGHAI).minusHours(1);
        for (int i = 0; i < COMPLAINTS; i++) {
            OffsetDateTime at = now.minusMinutes(36L * i); // 1,000 complaints over 25 days
            String id = WechatPayFixtures.complaintId(at.toLocalDate(), i);
            seeds.add(ComplaintSeed.of(id, at).payerPhone(null).images(0));
            replyable.add(id);
        }
        this.historyId = WechatPayFixtures.complaintId(today.minusDays(28), 99_999);
        seeds.add(ComplaintSeed.of(historyId, now.minusDays(28)).payerPhone(null).images(0).userMessages(HISTORY - 1));
        this.ids = List.copyOf(replyable);
        this.simulator = WechatPaySimulator.builder().complaints(seeds).build().start();
        this.library = Complaints.builder().config(config(simulator)).sharedState(raisedLimits()).build();
        this.baseline = new WechatPayBaseline(Wire.newHttpClient(), simulator.baseUri(), WechatPayTestKeys.MCHID,
                WechatPayTestKeys.MERCHANT_SERIAL, WechatPayTestKeys.merchantPrivateKey(),
                WechatPayTestKeys.platformPublicKey(), WechatPayTestKeys.MCHID);
        Instant to = Instant.now();
        this.last30Days = ComplaintFilter.builder().between(to.minus(Duration.ofDays(29)), to).build();
    }

    /**
     * @param simulator the simulator
     * @return the library's settings for it: the test merchant, public-key mode
     */
    public static WechatPayConfig config(WechatPaySimulator simulator) {
        return WechatPayConfig.builder().endpoint(simulator.baseUri()).mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(dev.complaintkit.Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey())
                .complaintedMchid(WechatPayTestKeys.MCHID).build();
    }

    /** The in-JVM shared state, with every budget raised ×100,000: the limiter runs, and never waits. */
    private static SharedState raisedLimits() {
        PermitSource inJvm = PermitSource.inJvm();
        PermitSource raised = budget -> inJvm.tryAcquire(new PermitSource.Budget(budget.provider(), budget.account(),
                budget.endpoint(), budget.permits() * 100_000, budget.window()));
        return new SharedState(raised, TokenStore.inJvm(), ProcessedNotifications.inMemory());
    }

    /**
     * Starts a rig and proves the library and the baseline get the same rows and both replies land.
     *
     * @return the rig
     */
    public static WechatPayRig start() {
        WechatPayRig rig = new WechatPayRig();
        // a back end replies to complaints it has seen (in a list, or a notification's detail): the library
        // learns each one's "needs immediate service" flag from that answer and picks the reply endpoint
        // without another read; without this, every first reply to a complaint would cost one detail GET
        long seen = rig.library.complaints(rig.last30Days).count();
        Page<Complaint> page = rig.libraryList();
        JsonNode rows = rig.baselineList();
        Page<NegotiationEntry> history = rig.libraryHistory();
        JsonNode baselineHistory = rig.baselineHistory();
        ReplyReceipt receipt = rig.libraryReply();
        int status = rig.baselineReply();
        if (page.items().size() != LIST_PAGE || rows.path("data").size() != LIST_PAGE
                || !page.items().get(0).id().value().equals(rows.path("data").get(0).path("complaint_id").asText())
                || history.items().size() != HISTORY || baselineHistory.path("data").size() != HISTORY
                || receipt == null || status != 204 || seen != COMPLAINTS + 1) {
            rig.close();
            throw new IllegalStateException("the WeChat Pay rig does not work: " + seen + " listed, " + page.items().size() + " rows, "
                    + history.items().size() + " history rows, reply " + status);
        }
        return rig;
    }

    String nextId() {
        return ids.get(Math.floorMod(next.getAndIncrement(), ids.size()));
    }

    /** @return the first list page of {@value #LIST_PAGE} through {@code ComplaintClient.complaintsPage} */
    public Page<Complaint> libraryList() {
        return library.complaintsPage(last30Days, PageRequest.first(LIST_PAGE));
    }

    /** @return the same page through the baseline, as a Jackson tree */
    public JsonNode baselineList() {
        return baseline.list(today.minusDays(29).toString(), today.toString(), 0, LIST_PAGE);
    }

    /** @return the history page of {@value #HISTORY} rows through {@code ComplaintClient.historyPage} */
    public Page<NegotiationEntry> libraryHistory() {
        return library.historyPage(ComplaintId.of(historyId), PageRequest.first(HISTORY));
    }

    /** @return the same page through the baseline */
    public JsonNode baselineHistory() {
        return baseline.history(historyId, 0, HISTORY);
    }

    /** @return the receipt of one text reply through {@code ComplaintClient.reply} */
    public ReplyReceipt libraryReply() {
        return library.reply(ReplyRequest.builder(nextId()).text(TEXT).build());
    }

    /** @return the status of one text reply through the baseline */
    public int baselineReply() {
        return baseline.reply(nextId(), TEXT);
    }

    /** @return the complaint whose history is paged */
    public String historyId() {
        return historyId;
    }

    /** @return today in Shanghai, the list's end date */
    public LocalDate today() {
        return today;
    }

    /** @return the simulator */
    public WechatPaySimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        library.close();
        simulator.close();
    }
}
