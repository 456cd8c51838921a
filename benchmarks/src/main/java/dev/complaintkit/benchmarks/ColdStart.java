/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 6, cold start (a {@code main}, not JMH): wall time of fresh JVMs.
 *
 * <ul>
 *   <li>{@code complaintkit providers}: {@code java -jar cli/target/complaintkit.jar providers}, next
 *       to an empty {@code main} (the JVM's own floor).</li>
 *   <li>A first call per provider (Allinpay: an SM2 history page of 100), library ({@code Complaints} →
 *       client → one call) and baseline (the
 *       hand-written client), each in its own fresh JVM ({@link FirstCall}) against a simulator that
 *       runs, warm, in this process. Both include the shared costs (JDK HTTP client, Jackson, JCA /
 *       Bouncy Castle); the library's own start-up is the difference of the medians. Target: under
 *       50 ms.</li>
 * </ul>
 * Runs alternate the order of the variants; one unrecorded round first warms the file cache.
 *
 * <p>Arguments: results directory, runs per variant, the CLI jar (optional), the classpath for the
 * children (default: this JVM's), and {@code all} to time the Yima and Xiaoe first calls too.
 */
public final class ColdStart {
    /** The complaint the first Yima reply answers. */
    static final String YIMA_COMPLAINT = "200201820240401000000000001";
    /** The library's own start-up must add less than this. */
    static final double TARGET_MILLIS = 50;

    private ColdStart() {}

    /** One measured process. */
    record Run(double wallMillis, double inMainMillis) {}

    /**
     * @param args results directory, runs, CLI jar, classpath
     * @throws Exception when a child fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Path cliJar = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        String classpath = args.length > 3 ? args[3] : System.getProperty("java.class.path");
        boolean all = args.length > 4 && args[4].equals("all");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        ComplaintStore yimaStore = ComplaintStore.create().addHistory(YIMA_COMPLAINT, List.of());
        ComplaintStore allinpayStore = ComplaintStore.create().seed(1, AllinpayRig.PAGE);
        String allinpayComplaint = allinpayStore.complaints().get(0).id().value();
        try (AllinpaySimulator allinpay = AllinpaySimulator.builder().store(allinpayStore).build().start();
             YimaSimulator yima = YimaSimulator.builder().secret(YimaRig.SECRET).store(yimaStore).build().start();
             XiaoeSimulator xiaoe = XiaoeSimulator.builder().store(XiaoeRig.firstRows(XiaoeRig.PAGE))
                     .tokenRateLimit(100_000, Duration.ofMinutes(10)).build().start()) {
            Map<String, List<String>> variants = new LinkedHashMap<>();
            variants.put("noop", cmd(java, classpath, "noop"));
            if (cliJar != null && Files.exists(cliJar)) {
                variants.put("complaintkit providers", List.of(java, "-jar", cliJar.toString(), "providers"));
            }
            variants.put("library-allinpay", cmd(java, classpath, "library-allinpay", allinpay.endpoint().toString(),
                    allinpayComplaint));
            variants.put("baseline-allinpay", cmd(java, classpath, "baseline-allinpay", allinpay.endpoint().toString(),
                    allinpayComplaint));
            if (all) {
                variants.put("library-yima", cmd(java, classpath, "library-yima", yima.endpoint().toString()));
                variants.put("baseline-yima", cmd(java, classpath, "baseline-yima", yima.endpoint().toString()));
                variants.put("library-xiaoe", cmd(java, classpath, "library-xiaoe", xiaoe.baseUri().toString()));
                variants.put("baseline-xiaoe", cmd(java, classpath, "baseline-xiaoe", xiaoe.baseUri().toString()));
            }

            List<String> names = new ArrayList<>(variants.keySet());
            Map<String, List<Run>> measured = new LinkedHashMap<>();
            names.forEach(n -> measured.put(n, new ArrayList<>()));
            for (int round = -1; round < runs; round++) {
                List<String> order = new ArrayList<>(names);
                if (round % 2 != 0) {
                    Collections.reverse(order);
                }
                for (String name : order) {
                    Run r = spawn(variants.get(name));
                    if (round >= 0) {
                        measured.get(name).add(r);
                    }
                }
            }
            report(dir, runs, measured, cliJar);
        }
    }

    private static List<String> cmd(String java, String classpath, String variant, String... args) {
        List<String> c = new ArrayList<>(List.of(java, "-cp", classpath, FirstCall.class.getName(), variant));
        c.addAll(List.of(args));
        return c;
    }

    private static Run spawn(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + command + ":\n" + output);
        }
        double inMain = Double.NaN;
        for (String line : output.split("\n")) {
            if (line.startsWith("firstCallMillis=")) {
                inMain = Double.parseDouble(line.substring("firstCallMillis=".length()).trim());
            }
        }
        if (command.contains(FirstCall.class.getName()) && !output.contains("outcome=ok")) {
            throw new IllegalStateException("no successful first call from " + command + ":\n" + output);
        }
        return new Run(wall, inMain);
    }

    private static void report(Path dir, int runs, Map<String, List<Run>> measured, Path cliJar) {
        Fragment out = new Fragment("cold-start");
        ObjectNode variantsJson = out.json().putObject("variants");
        out.json().put("runs", runs);
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> inMain = new LinkedHashMap<>();
        measured.forEach((name, list) -> {
            wall.put(name, list.stream().mapToDouble(Run::wallMillis).toArray());
            inMain.put(name, list.stream().mapToDouble(Run::inMainMillis).toArray());
            ObjectNode v = variantsJson.putObject(name);
            ArrayNode w = v.putArray("wallMillis");
            list.forEach(r -> w.add(r.wallMillis()));
            ArrayNode m = v.putArray("inMainMillis");
            list.forEach(r -> m.add(r.inMainMillis()));
            v.put("wallMedian", Fragment.median(wall.get(name)));
            v.put("inMainMedian", Fragment.median(inMain.get(name)));
        });

        StringBuilder md = out.md();
        md.append("## Cold start\n\n")
                .append(Fragment.f("Fresh JVMs, median of %d runs per variant (order alternating, one warm-up round not ", runs))
                .append("counted). *Process* = wall time from spawning the JVM to its exit; *in main* = from `main()` ")
                .append("to the first answer, verified. The simulators run warm in the parent process. Library and ")
                .append("baseline children share the JDK HTTP client, Jackson and JCA initialisation; the library's ")
                .append("own start-up is library − baseline, taken per round (the two run next to each other, so ")
                .append("drifting machine load cancels); because whichever runs first in a pair tends to be slower, ")
                .append("the median is taken separately for the rounds with the library first and with the baseline ")
                .append("first, and the two averaged.\n\n")
                .append("| variant | process median (min–max) | in main median (min–max) |\n| --- | ---: | ---: |\n");
        for (String name : measured.keySet()) {
            double[] w = wall.get(name);
            double[] m = inMain.get(name);
            md.append("| ").append(name.equals("complaintkit providers") ? "`complaintkit providers` (java -jar "
                            + cliJar.getFileName() + ")" : name.equals("noop") ? "empty `main` (JVM floor)" : name)
                    .append(Fragment.f(" | %.0f ms (%.0f–%.0f) | ", Fragment.median(w), min(w), max(w)))
                    .append(Double.isNaN(m[0]) ? "—" : Fragment.f("%.0f ms (%.0f–%.0f)", Fragment.median(m), min(m), max(m)))
                    .append(" |\n");
        }
        md.append("\n| first call | library's own start-up, in main | … process wall | rounds with the library first / ")
                .append("the baseline first (in main) | target |\n| --- | ---: | ---: | ---: | --- |\n");
        ObjectNode own = out.json().putObject("libraryOwnStartupMillis");
        for (String provider : List.of("allinpay", "yima", "xiaoe")) {
            if (!inMain.containsKey("library-" + provider)) {
                continue;
            }
            double[] byOrder = balanced(inMain.get("library-" + provider), inMain.get("baseline-" + provider));
            double[] byOrderWall = balanced(wall.get("library-" + provider), wall.get("baseline-" + provider));
            own.put(provider + "InMain", byOrder[0]);
            own.put(provider + "InMainLibraryFirst", byOrder[1]);
            own.put(provider + "InMainBaselineFirst", byOrder[2]);
            own.put(provider + "Wall", byOrderWall[0]);
            boolean targeted = provider.equals("allinpay"); // the target is the first Allinpay SM2 call
            boolean met = byOrder[0] < TARGET_MILLIS;
            String call = provider.equals("allinpay") ? "Allinpay SM2 history page" : provider.equals("yima")
                    ? "Yima reply" : "Xiaoe list page (incl. token)";
            md.append(Fragment.f("| %s | **%+.0f ms** | %+.0f ms | %+.0f ms / %+.0f ms | %s |%n", call, byOrder[0], byOrderWall[0],
                    byOrder[1], byOrder[2], targeted ? "< 50 ms: " + (met ? "met" : "**missed**") : "(reported)"));
            out.target("Cold start, " + call + ", first call: library's own start-up", targeted ? "< 50 ms" : "(reported)",
                    Fragment.f("%+.0f ms (process %+.0f ms)", byOrder[0], byOrderWall[0]), targeted ? met : null);
        }
        if (wall.containsKey("complaintkit providers")) {
            double providers = Fragment.median(wall.get("complaintkit providers"));
            double floor = Fragment.median(wall.get("noop"));
            own.put("providersWall", providers);
            own.put("jvmFloorWall", floor);
            md.append(Fragment.f("%n`complaintkit providers` takes %.0f ms of wall time, %.0f ms above an empty JVM.%n",
                    providers, providers - floor));
            out.target("Cold start, `complaintkit providers`", "(reported)", Fragment.f("%.0f ms (JVM floor %.0f ms)",
                    providers, floor), null);
        }
        out.write(dir);
        System.out.println(md);
    }

    /**
     * The library − baseline difference, balanced for order: in each round the two run next to each
     * other, the library first in the forward rounds (even) and second in the reversed ones (odd).
     * Whichever runs first in a pair tends to be slower on this machine, so the median difference is
     * taken per order and the two medians averaged.
     *
     * @return {balanced estimate, median with the library first, median with the baseline first}
     */
    private static double[] balanced(double[] library, double[] baseline) {
        List<Double> libraryFirst = new ArrayList<>();
        List<Double> baselineFirst = new ArrayList<>();
        for (int i = 0; i < Math.min(library.length, baseline.length); i++) {
            (i % 2 == 0 ? libraryFirst : baselineFirst).add(library[i] - baseline[i]);
        }
        double a = Fragment.median(libraryFirst.stream().mapToDouble(Double::doubleValue).toArray());
        double b = Fragment.median(baselineFirst.stream().mapToDouble(Double::doubleValue).toArray());
        return new double[] {Double.isNaN(b) ? a : (a + b) / 2, a, b};
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
