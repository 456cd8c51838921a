/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * WeChat Pay, paired, three ways (a {@code main}, not JMH): the library, the hand-written
 * {@code java.net.http} + JDK-crypto baseline, and WxJava 4.7.0, their calls strictly rotating (one
 * each, the order shifting every round) against one {@code WechatPaySimulator}, so machine noise hits
 * all three alike. Per call: mean and p50/p99, the library's throughput ratio against each
 * (other's mean time / library's mean time) and its p99 ratio against each.
 *
 * <p>Targets: library/baseline ≥ 0.90; library/WxJava ≥ 1.2 with a p99 no worse (≤ 1.00).
 * Needs {@code -Djdk.net.hosts.file=benchmarks/peer-hosts} (see {@link WxJavaPeer}).
 *
 * <p>Arguments: results directory, calls per side (after as many warm-up calls, and at least 3 s).
 */
public final class PeerComparison {
    private PeerComparison() {}

    private record Call(String name, Function<WechatPayRig, Runnable> library, Function<WechatPayRig, Runnable> baseline,
            Function<WxJavaPeer, Runnable> wxjava) {}

    /**
     * @param args results directory, calls per side
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<Call> subjects = List.of(
                new Call("WeChat Pay list page of 50", r -> r::libraryList, r -> r::baselineList, p -> p::list),
                new Call("WeChat Pay history page of 100", r -> r::libraryHistory, r -> r::baselineHistory, p -> p::history),
                new Call("WeChat Pay reply", r -> r::libraryReply, r -> r::baselineReply, p -> p::reply));
        Fragment out = new Fragment("peer-comparison");
        out.md().append("## WeChat Pay: library, baseline and WxJava 4.7.0, paired\n\n")
                .append(Fragment.f("The three clients' calls rotate against one simulator, %,d each after as many ", calls))
                .append("warm-up calls (at least 3 s). Ratios are the library's: throughput = other's mean time / library's ")
                .append("mean time (above 1: the library is faster); p99 = library's p99 / other's p99 (below 1: better). ")
                .append("Every answer is signature-checked by every client; list rows carry no phone (see `WechatPayRig`).\n\n")
                .append("| call | library mean / p50 / p99 | baseline mean / p50 / p99 | WxJava mean / p50 / p99 | ")
                .append("vs baseline: throughput, p99 | vs WxJava: throughput, p99 |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Call c : subjects) {
            double[][] t = new double[3][calls];
            try (WechatPayRig rig = WechatPayRig.start()) {
                WxJavaPeer peer = WxJavaPeer.start(rig);
                Runnable[] sides = {c.library().apply(rig), c.baseline().apply(rig), c.wxjava().apply(peer)};
                long warmUntil = System.nanoTime() + PairedEndToEnd.WARM_UP_NANOS;
                for (int i = 0; i < calls || System.nanoTime() < warmUntil; i++) {
                    for (Runnable side : sides) {
                        side.run();
                    }
                }
                for (int i = 0; i < calls; i++) {
                    for (int k = 0; k < 3; k++) {
                        int side = (i + k) % 3;
                        long start = System.nanoTime();
                        sides[side].run();
                        t[side][i] = (System.nanoTime() - start) / 1e3;
                    }
                }
            }
            double[] mean = {mean(t[0]), mean(t[1]), mean(t[2])};
            double[] p99 = {Fragment.quantile(t[0], 0.99), Fragment.quantile(t[1], 0.99), Fragment.quantile(t[2], 0.99)};
            double vsBaseline = mean[1] / mean[0];
            double vsWxJava = mean[2] / mean[0];
            double p99VsBaseline = p99[0] / p99[1];
            double p99VsWxJava = p99[0] / p99[2];
            ObjectNode j = out.json().putObject(c.name());
            j.put("calls", calls);
            String[] who = {"library", "baseline", "wxjava"};
            for (int k = 0; k < 3; k++) {
                j.put(who[k] + "MeanMicros", mean[k]);
                j.put(who[k] + "P50Micros", Fragment.median(t[k]));
                j.put(who[k] + "P99Micros", p99[k]);
            }
            j.put("throughputRatioVsBaseline", vsBaseline);
            j.put("throughputRatioVsWxJava", vsWxJava);
            j.put("p99RatioVsBaseline", p99VsBaseline);
            j.put("p99RatioVsWxJava", p99VsWxJava);
            out.md().append(Fragment.f("| %s | %.0f / %.0f / %.0f µs | %.0f / %.0f / %.0f µs | %.0f / %.0f / %.0f µs | "
                    + "%.3f, %.3f | %.3f, %.3f |%n", c.name(), mean[0], Fragment.median(t[0]), p99[0], mean[1],
                    Fragment.median(t[1]), p99[1], mean[2], Fragment.median(t[2]), p99[2], vsBaseline, p99VsBaseline,
                    vsWxJava, p99VsWxJava));
            out.target(c.name() + ": library/baseline throughput (paired)", "≥ 0.90", Fragment.f("%.3f", vsBaseline),
                    vsBaseline >= 0.90);
            out.target(c.name() + ": library/WxJava throughput (paired)", "≥ 1.20", Fragment.f("%.3f", vsWxJava),
                    vsWxJava >= 1.20);
            out.target(c.name() + ": library/WxJava p99 (paired)", "≤ 1.00", Fragment.f("%.3f", p99VsWxJava),
                    p99VsWxJava <= 1.00);
        }
        out.write(dir);
        System.out.println(out.md());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
