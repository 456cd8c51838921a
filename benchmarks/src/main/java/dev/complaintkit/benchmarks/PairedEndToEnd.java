/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A cross-check of benchmark 2 that survives a noisy machine (a {@code main}, not JMH): library
 * and baseline calls strictly alternate, one each, against the same simulator, so every
 * disturbance hits both alike. Reported per provider: mean and p50/p99 time per call, the
 * throughput ratio (baseline mean / library mean) and the p99 ratio. JMH's figures come from
 * separate forks run one after the other, which a shared machine's drifting load can skew.
 *
 * <p>Arguments: results directory, calls per side (after as many warm-up calls, and at least 3 s).
 */
public final class PairedEndToEnd {
    /** The least warm-up per provider, however few calls are measured. */
    static final long WARM_UP_NANOS = 3_000_000_000L;

    private PairedEndToEnd() {}

    private record Subject(String name, Supplier<AutoCloseable> rig, Function<AutoCloseable, Runnable> library,
            Function<AutoCloseable, Runnable> baseline) {}

    /**
     * @param args results directory, calls per side
     * @throws Exception when a call fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<Subject> subjects = List.of(
                new Subject("Allinpay history page of 100 (SM2)", AllinpayRig::start,
                        r -> ((AllinpayRig) r)::libraryHistory, r -> ((AllinpayRig) r)::baselineHistory),
                new Subject("Yima reply (JSON, MD5)", YimaRig::start,
                        r -> ((YimaRig) r)::libraryReply, r -> ((YimaRig) r)::baselineReply),
                new Subject("Xiaoe list page of 100 (limit raised)", XiaoeRig::start,
                        r -> ((XiaoeRig) r)::libraryList, r -> ((XiaoeRig) r)::baselineList));
        Fragment out = new Fragment("paired-end-to-end");
        out.md().append("## End to end, paired (cross-check)\n\n")
                .append(Fragment.f("Library and baseline calls strictly alternate against one simulator, %,d each after ", calls))
                .append("as many warm-up calls (at least 3 s), so machine noise hits both alike. Throughput ratio = baseline mean time / ")
                .append("library mean time.\n\n")
                .append("| call | library mean / p50 / p99 | baseline mean / p50 / p99 | throughput ratio | p99 ratio |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Subject s : subjects) {
            double[] lib = new double[calls];
            double[] base = new double[calls];
            try (AutoCloseable rig = s.rig().get()) {
                Runnable l = s.library().apply(rig);
                Runnable b = s.baseline().apply(rig);
                long warmUntil = System.nanoTime() + WARM_UP_NANOS;
                for (int i = 0; i < calls || System.nanoTime() < warmUntil; i++) { // JIT warm-up of both paths
                    l.run();
                    b.run();
                }
                for (int i = 0; i < calls; i++) {
                    boolean libraryFirst = i % 2 == 0;
                    double first = time(libraryFirst ? l : b);
                    double second = time(libraryFirst ? b : l);
                    lib[i] = libraryFirst ? first : second;
                    base[i] = libraryFirst ? second : first;
                }
            }
            double libMean = mean(lib);
            double baseMean = mean(base);
            double ratio = baseMean / libMean;
            double p99 = Fragment.quantile(lib, 0.99) / Fragment.quantile(base, 0.99);
            ObjectNode j = out.json().putObject(s.name());
            j.put("calls", calls);
            j.put("libraryMeanMicros", libMean);
            j.put("baselineMeanMicros", baseMean);
            j.put("libraryP50Micros", Fragment.median(lib));
            j.put("baselineP50Micros", Fragment.median(base));
            j.put("libraryP99Micros", Fragment.quantile(lib, 0.99));
            j.put("baselineP99Micros", Fragment.quantile(base, 0.99));
            j.put("throughputRatio", ratio);
            j.put("p99Ratio", p99);
            out.md().append(Fragment.f("| %s | %.0f / %.0f / %.0f µs | %.0f / %.0f / %.0f µs | %.3f | %.3f |%n", s.name(),
                    libMean, Fragment.median(lib), Fragment.quantile(lib, 0.99), baseMean, Fragment.median(base),
                    Fragment.quantile(base, 0.99), ratio, p99));
            out.target("End to end, paired cross-check: " + s.name() + " throughput", "library/baseline ≥ 0.90",
                    Fragment.f("%.3f", ratio), ratio >= 0.90);
            out.target("End to end, paired cross-check: " + s.name() + " p99", "library/baseline ≤ 1.10",
                    Fragment.f("%.3f", p99), p99 <= 1.10);
        }
        out.write(dir);
        System.out.println(out.md());
    }

    private static double time(Runnable call) {
        long t = System.nanoTime();
        call.run();
        return (System.nanoTime() - t) / 1e3;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
