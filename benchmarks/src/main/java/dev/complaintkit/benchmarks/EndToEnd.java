/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.ReplyReceipt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One call end to end against a loopback simulator, per provider: the library through its public
 * API ({@code ComplaintClient}) beside the hand-written baseline doing the same wire work. The
 * subclasses fix the mode: {@link EndToEndThroughput} (calls per second) and {@link EndToEndLatency}
 * (sampled time per call, with percentiles).
 *
 * <p>Every iteration gets a fresh simulator and clients for the benchmark's provider (set-up is not
 * measured), so the simulator's request log and reply records never grow beyond one iteration's
 * calls. Each set-up proves both clients get a correct answer before anything is timed.
 */
public abstract class EndToEnd {

    /** The Allinpay rig, fresh per iteration. */
    @State(Scope.Benchmark)
    public static class Allinpay {
        AllinpayRig rig;

        /** Starts a fresh simulator and clients. */
        @Setup(Level.Iteration)
        public void start() {
            rig = AllinpayRig.start();
        }

        /** Stops them. */
        @TearDown(Level.Iteration)
        public void stop() {
            rig.close();
        }
    }

    /** The Yima rig, fresh per iteration. */
    @State(Scope.Benchmark)
    public static class Yima {
        YimaRig rig;

        /** Starts a fresh simulator and clients. */
        @Setup(Level.Iteration)
        public void start() {
            rig = YimaRig.start();
        }

        /** Stops them. */
        @TearDown(Level.Iteration)
        public void stop() {
            rig.close();
        }
    }

    /** The Xiaoe rig, fresh per iteration. */
    @State(Scope.Benchmark)
    public static class Xiaoe {
        XiaoeRig rig;

        /** Starts a fresh simulator and clients. */
        @Setup(Level.Iteration)
        public void start() {
            rig = XiaoeRig.start();
        }

        /** Stops them. */
        @TearDown(Level.Iteration)
        public void stop() {
            rig.close();
        }
    }

    /** The WeChat Pay rig, fresh per iteration. */
    @State(Scope.Benchmark)
    public static class WechatPay {
        WechatPayRig rig;

        /** Starts a fresh simulator and clients. */
        @Setup(Level.Iteration)
        public void start() {
            rig = WechatPayRig.start();
        }

        /** Stops them. */
        @TearDown(Level.Iteration)
        public void stop() {
            rig.close();
        }
    }

    /** @param s the rig @return a WeChat Pay list page of 50 through {@code ComplaintClient.complaintsPage} */
    @Benchmark
    public Page<Complaint> libraryWechatPayList(WechatPay s) {
        return s.rig.libraryList();
    }

    /** @param s the rig @return the same page through the hand-written client, as a Jackson tree */
    @Benchmark
    public JsonNode baselineWechatPayList(WechatPay s) {
        return s.rig.baselineList();
    }

    /** @param s the rig @return a WeChat Pay history page of 100 through {@code ComplaintClient.historyPage} */
    @Benchmark
    public Page<NegotiationEntry> libraryWechatPayHistory(WechatPay s) {
        return s.rig.libraryHistory();
    }

    /** @param s the rig @return the same page through the hand-written client */
    @Benchmark
    public JsonNode baselineWechatPayHistory(WechatPay s) {
        return s.rig.baselineHistory();
    }

    /** @param s the rig @return a WeChat Pay text reply through {@code ComplaintClient.reply} */
    @Benchmark
    public ReplyReceipt libraryWechatPayReply(WechatPay s) {
        return s.rig.libraryReply();
    }

    /** @param s the rig @return the same reply through the hand-written client (its HTTP status) */
    @Benchmark
    public int baselineWechatPayReply(WechatPay s) {
        return s.rig.baselineReply();
    }

    /** @param s the rig @return an Allinpay history page of 100 rows (SM2) through {@code ComplaintClient.historyPage} */
    @Benchmark
    public Page<NegotiationEntry> libraryAllinpayHistory(Allinpay s) {
        return s.rig.libraryHistory();
    }

    /** @param s the rig @return the same page through the hand-written client, as a Jackson tree */
    @Benchmark
    public JsonNode baselineAllinpayHistory(Allinpay s) {
        return s.rig.baselineHistory();
    }

    /** @param s the rig @return a Yima reply (JSON, MD5) through {@code ComplaintClient.reply} */
    @Benchmark
    public ReplyReceipt libraryYimaReply(Yima s) {
        return s.rig.libraryReply();
    }

    /** @param s the rig @return the same reply through the hand-written client */
    @Benchmark
    public String baselineYimaReply(Yima s) {
        return s.rig.baselineReply();
    }

    /** @param s the rig @return a Xiaoe list page of 100 (cached token) through {@code ComplaintClient.complaintsPage} */
    @Benchmark
    public Page<Complaint> libraryXiaoeList(Xiaoe s) {
        return s.rig.libraryList();
    }

    /** @param s the rig @return the same page through the hand-written client, as a Jackson tree */
    @Benchmark
    public JsonNode baselineXiaoeList(Xiaoe s) {
        return s.rig.baselineList();
    }
}
