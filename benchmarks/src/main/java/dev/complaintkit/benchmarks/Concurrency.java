/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Benchmark 5, concurrency (a {@code main}, not JMH).
 *
 * <ol>
 *   <li><b>Xiaoe under its quota:</b> 64 threads call {@code complaintsPage} (page of 100) as fast as
 *       they can for the run time (20 s) against the simulator enforcing Xiaoe's 500 calls per
 *       sliding 10 s, with the library at its defaults (500 per PT10S). Reported: throttled answers
 *       (2053) and the busiest 10-s window the simulator saw (no breach: 0 and at most 500), and the
 *       achieved rate — calls that completed within the run time divided by the run time — against
 *       the 50/s allowance (target at least 95%).</li>
 *   <li><b>Scaling:</b> throughput of Allinpay history calls (page of 100, SM2) with 1, 2, 4 and 8
 *       threads, library and baseline, a fresh rig per point (with {@code all}: Yima and Xiaoe too). The machine's cores and the in-process simulator bound the
 *       curve; the baseline's curve shows that bound.</li>
 * </ol>
 *
 * <p>Arguments: results directory, seconds for the Xiaoe run (20), seconds per scaling point, and
 * {@code all} to draw the curve for every provider (otherwise only the first).
 */
public final class Concurrency {
    private static final int CALLERS = 64;
    private static final int LIMIT = 500;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int[] THREADS = {1, 2, 4, 8};

    private Concurrency() {}

    /**
     * @param args results directory, Xiaoe run seconds, seconds per scaling point
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        int runSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double pointSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        boolean allSubjects = args.length > 3 && args[3].equals("all");
        Fragment out = new Fragment("concurrency");
        out.md().append("## Concurrency\n\n");
        xiaoeQuota(out, runSeconds);
        out.md().append('\n');
        scaling(out, pointSeconds, allSubjects);
        out.write(dir);
        System.out.println(out.md());
    }

    // ------------------------------------------------------------------ Xiaoe under its quota

    private static void xiaoeQuota(Fragment out, int runSeconds) throws InterruptedException {
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(XiaoeRig.firstRows(XiaoeRig.PAGE))
                .rateLimit(LIMIT, WINDOW).build().start();
             ComplaintClient client = Complaints.client("xiaoe", XiaoeRig.properties(sim, LIMIT))) {
            ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<long[]> calls = new ConcurrentLinkedQueue<>(); // {start, end} nanos
            Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
            CountDownLatch ready = new CountDownLatch(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            long[] t0 = new long[1];
            for (int i = 0; i < CALLERS; i++) {
                pool.execute(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (running.get()) {
                        long start = System.nanoTime();
                        try {
                            if (client.complaintsPage(ComplaintFilter.all(), PageRequest.first(XiaoeRig.PAGE)).items().size()
                                    != XiaoeRig.PAGE) {
                                failures.computeIfAbsent("short page", k -> new AtomicLong()).incrementAndGet();
                            }
                            calls.add(new long[] {start, System.nanoTime()});
                        } catch (ComplaintException e) {
                            if (!running.get()) {
                                return; // interrupted at the end of the run
                            }
                            String kind = e instanceof RateLimitedException r ? "RateLimited " + r.code()
                                    : e.getClass().getSimpleName();
                            failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
            }
            ready.await();
            t0[0] = System.nanoTime();
            go.countDown();
            Thread.sleep(runSeconds * 1000L);
            long end = t0[0] + runSeconds * 1_000_000_000L;
            running.set(false);
            pool.shutdownNow(); // callers waiting for a permit are interrupted
            pool.awaitTermination(60, TimeUnit.SECONDS);

            List<long[]> done = new ArrayList<>(calls);
            long inRun = done.stream().filter(c -> c[1] <= end).count();
            double rate = inRun / (double) runSeconds;
            double allowance = LIMIT / (double) WINDOW.toSeconds();
            List<XiaoeSimulator.ApiCall> seen = sim.apiCalls();
            int throttled = sim.rateLimitedCount();
            int busiest = XiaoeSimulator.busiestWindow(seen.stream().map(XiaoeSimulator.ApiCall::at).toList(), WINDOW);
            double[] latencies = done.stream().mapToDouble(c -> (c[1] - c[0]) / 1e6).toArray();
            int[] perSecond = new int[runSeconds];
            for (long[] c : done) {
                int s = (int) ((c[1] - t0[0]) / 1_000_000_000L);
                if (s >= 0 && s < runSeconds) {
                    perSecond[s]++;
                }
            }
            boolean noBreach = throttled == 0 && busiest <= LIMIT && failures.isEmpty();
            boolean rateMet = rate >= 0.95 * allowance;

            ObjectNode j = out.json().putObject("xiaoeQuota");
            j.put("callers", CALLERS);
            j.put("seconds", runSeconds);
            j.put("limit", LIMIT);
            j.put("windowSeconds", WINDOW.toSeconds());
            j.put("completedInRun", inRun);
            j.put("completedTotal", done.size());
            j.put("achievedRatePerSecond", rate);
            j.put("allowancePerSecond", allowance);
            j.put("throttledAnswers2053", throttled);
            j.put("busiestWindowAtSimulator", busiest);
            j.put("callsSeenBySimulator", seen.size());
            j.put("tokenRequests", sim.tokenRequestCount());
            j.put("latencyP50Millis", Fragment.median(latencies));
            j.put("latencyP99Millis", Fragment.quantile(latencies, 0.99));
            ObjectNode f = j.putObject("failures");
            failures.forEach((k, v) -> f.put(k, v.get()));
            ArrayNode ps = j.putArray("completedPerSecond");
            for (int c : perSecond) {
                ps.add(c);
            }

            out.target("Xiaoe, 64 callers for " + runSeconds + " s: no limit breach", "0 × 2053, busiest 10-s window ≤ 500",
                    Fragment.f("%d × 2053, busiest window %d, %d other failures", throttled, busiest,
                            failures.values().stream().mapToLong(AtomicLong::get).sum()), noBreach);
            out.target("Xiaoe, 64 callers: achieved rate", "≥ 95% of 50/s (47.5/s)",
                    Fragment.f("%.1f/s (%.1f%%)", rate, 100 * rate / allowance), rateMet);

            out.md().append(Fragment.f("### Xiaoe: %d callers for %d s under 500 calls per 10 s%n%n", CALLERS, runSeconds))
                    .append("Simulator and library at Xiaoe's real limit (500 per sliding 10 s; the library's shared ")
                    .append("limiter waits for a permit instead of failing). Every caller loops on `complaintsPage` ")
                    .append("(page of 100).\n\n")
                    .append("| measure | value |\n| --- | --- |\n")
                    .append(Fragment.f("| calls completed within %d s | %d (%d in total, incl. those released after the end) |%n",
                            runSeconds, inRun, done.size()))
                    .append(Fragment.f("| achieved rate | **%.2f/s = %.1f%% of the 50/s allowance** (target ≥ 95%%: %s) |%n",
                            rate, 100 * rate / allowance, rateMet ? "met" : "**missed**"))
                    .append(Fragment.f("| throttled answers (2053) from the simulator | %d |%n", throttled))
                    .append(Fragment.f("| busiest sliding 10-s window at the simulator | %d calls (limit 500) |%n", busiest))
                    .append(Fragment.f("| other failures | %s |%n", failures.isEmpty() ? "none" : failures.toString()))
                    .append(Fragment.f("| token requests | %d |%n", sim.tokenRequestCount()))
                    .append(Fragment.f("| call latency incl. waiting for a permit, p50 / p99 | %.0f ms / %.0f ms |%n",
                            Fragment.median(latencies), Fragment.quantile(latencies, 0.99)))
                    .append(Fragment.f("| calls completed per second | %s |%n", java.util.Arrays.toString(perSecond)))
                    .append("\nThe limiter counts a permit until one window (+ a 50 ms safety margin) after its exchange ")
                    .append("ended, so the 500 calls of a window go out in a burst and the next burst follows ~10.05 s ")
                    .append("later: the achieved rate is just under the allowance by construction, never above it.\n");
        }
    }

    // ------------------------------------------------------------------ scaling

    /** One provider's call, library and baseline, on a fresh rig. */
    private record Subject(String name, Supplier<AutoCloseable> rig, java.util.function.Function<AutoCloseable, Runnable> library,
            java.util.function.Function<AutoCloseable, Runnable> baseline) {}

    private static List<Subject> subjects() {
        List<Subject> s = new ArrayList<>();
        s.add(new Subject("Allinpay history page of 100 (SM2)", AllinpayRig::start,
                r -> ((AllinpayRig) r)::libraryHistory, r -> ((AllinpayRig) r)::baselineHistory));
        s.add(new Subject("Yima reply (JSON, MD5)", YimaRig::start,
                r -> ((YimaRig) r)::libraryReply, r -> ((YimaRig) r)::baselineReply));
        s.add(new Subject("Xiaoe list page of 100 (limit raised)", XiaoeRig::start,
                r -> ((XiaoeRig) r)::libraryList, r -> ((XiaoeRig) r)::baselineList));
        return s;
    }

    private static void scaling(Fragment out, double pointSeconds, boolean all) throws Exception {
        List<Subject> subjects = all ? subjects() : subjects().subList(0, 1);
        out.md().append("### Scaling with threads\n\n")
                .append(Fragment.f("Calls per second with 1–8 threads, %.1f s per point, a fresh simulator and clients per ",
                        pointSeconds))
                .append("point, after a warm-up of both clients; library and baseline alternate which goes first. On ")
                .append("this 2-core machine the in-process simulator competes with the callers for the same cores; ")
                .append("the baseline's curve shows that ceiling.\n\n")
                .append("| call | client |");
        for (int t : THREADS) {
            out.md().append(' ').append(t).append(t == 1 ? " thread |" : " threads |");
        }
        out.md().append(" 8 / 1 |\n| --- | --- |");
        for (int ignored : THREADS) {
            out.md().append(" ---: |");
        }
        out.md().append(" ---: |\n");
        ObjectNode curves = out.json().putObject("scaling");
        curves.put("secondsPerPoint", pointSeconds);
        for (Subject subject : subjects) {
            try (AutoCloseable rig = subject.rig().get()) { // JIT warm-up of both sides
                measure(subject.library().apply(rig), 2, Math.max(1, pointSeconds));
                measure(subject.baseline().apply(rig), 2, Math.max(1, pointSeconds));
            }
            Map<String, double[]> rates = new java.util.LinkedHashMap<>();
            rates.put("library", new double[THREADS.length]);
            rates.put("baseline", new double[THREADS.length]);
            for (int i = 0; i < THREADS.length; i++) {
                List<String> order = i % 2 == 0 ? List.of("library", "baseline") : List.of("baseline", "library");
                for (String side : order) {
                    try (AutoCloseable rig = subject.rig().get()) {
                        Runnable call = side.equals("library") ? subject.library().apply(rig) : subject.baseline().apply(rig);
                        measure(call, THREADS[i], 0.3); // connections and threads of this rig
                        rates.get(side)[i] = measure(call, THREADS[i], pointSeconds);
                    }
                }
            }
            ObjectNode c = curves.putObject(subject.name());
            rates.forEach((side, r) -> {
                ArrayNode points = c.putArray(side);
                out.md().append("| ").append(subject.name()).append(" | ").append(side).append(" |");
                for (int i = 0; i < THREADS.length; i++) {
                    ObjectNode p = points.addObject();
                    p.put("threads", THREADS[i]);
                    p.put("callsPerSecond", r[i]);
                    out.md().append(Fragment.f(" %.0f |", r[i]));
                }
                out.md().append(Fragment.f(" %.2f |%n", r[THREADS.length - 1] / r[0]));
            });
        }
    }

    /** @return calls per second of {@code call} on {@code threads} threads for {@code seconds} */
    static double measure(Runnable call, int threads, double seconds) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong count = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    go.await();
                    while (running.get()) {
                        call.run();
                        count.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            });
        }
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        long n = count.get();
        long elapsed = System.nanoTime() - start;
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("calls failed during the scaling run: " + errors.peek(), errors.peek());
        }
        return n / (elapsed / 1e9);
    }
}
