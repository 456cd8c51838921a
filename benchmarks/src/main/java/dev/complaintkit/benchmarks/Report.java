/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's raw results into {@code benchmarks/results/latest.json} and
 * {@code benchmarks/RESULTS.md}: each {@code library…} JMH benchmark beside its {@code baseline…}
 * twin of the same class and mode (same JMH run), with the ratio, its error and the target; then the
 * sections written by the {@code main} programs ({@link PairedEndToEnd}, {@link StreamingMemory},
 * {@link Concurrency}, {@link ColdStart}), and one summary of every target.
 *
 * <p>Inputs in the results directory (written by {@code run.sh}): {@code jmh.json.tmp} (JMH's JSON),
 * and for each program {@code <name>.json.tmp} ({@code {"targets":[…], …numbers}}) and
 * {@code <name>.md.tmp} (its Markdown section).
 */
public final class Report {
    /** The programs whose fragments are merged, in this order. */
    static final List<String> SECTIONS = List.of("paired-end-to-end", "peer-comparison", "streaming-memory", "concurrency", "cold-start");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    /** A target: the ratio library/baseline must be at least (or at most) this. */
    record Target(double bound, boolean atLeast) {
        boolean met(double ratio) {
            return atLeast ? ratio >= bound : ratio <= bound;
        }

        @Override
        public String toString() {
            return (atLeast ? "≥ " : "≤ ") + String.format(Locale.ROOT, "%.2f", bound);
        }
    }

    /** One JMH result. */
    record Result(String benchmark, String mode, double score, double error, String unit, Double p99, long samples) {
        String simpleName() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        String className() {
            String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
            return cls.substring(cls.lastIndexOf('.') + 1);
        }
    }

    /** A library row paired with its baseline. */
    record Pair(Result library, Result baseline) {
        double ratio() {
            return library.score() / baseline.score();
        }

        double ratioError() {
            double rel = Math.sqrt(sq(library.error() / library.score()) + sq(baseline.error() / baseline.score()));
            return ratio() * rel;
        }

        String name() {
            return library.className() + "." + library.simpleName().substring("library".length());
        }
    }

    /** A line of the summary. */
    record Check(String item, String target, String measured, Boolean met) {}

    /**
     * @param args the results directory, the Markdown file to write, the profile ({@code quick} or
     *     {@code full}), and the JMH options used
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path markdown = Path.of(args[1]);
        String profile = args.length > 2 ? args[2] : "?";
        String jmhOptions = args.length > 3 ? args[3] : "?";

        List<Result> results = readJmh(dir.resolve("jmh.json.tmp"));
        List<Pair> pairs = new ArrayList<>();
        List<Result> unpaired = new ArrayList<>();
        pair(results, pairs, unpaired);

        List<Check> checks = new ArrayList<>();
        for (Pair p : pairs) {
            Target t = target(p.library());
            if (t != null) {
                checks.add(new Check(p.name() + " (" + p.library().mode() + ")", "library/baseline " + t,
                        String.format(Locale.ROOT, "%.3f ± %.3f", p.ratio(), p.ratioError()), t.met(p.ratio())));
            }
            if (p99Target(p.library()) && p.library().p99() != null && p.baseline().p99() != null) {
                double r = p.library().p99() / p.baseline().p99();
                checks.add(new Check(p.name() + " p99", "library/baseline ≤ 1.10",
                        String.format(Locale.ROOT, "%.3f", r), r <= 1.10));
            }
        }

        ObjectNode latest = JSON.createObjectNode();
        latest.put("profile", profile);
        latest.put("jmhOptions", jmhOptions);
        latest.put("date", ZonedDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        latest.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        latest.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        latest.put("cpus", Runtime.getRuntime().availableProcessors());
        ArrayNode pairsJson = latest.putArray("pairs");
        for (Pair p : pairs) {
            ObjectNode o = pairsJson.addObject();
            o.put("name", p.name());
            o.put("mode", p.library().mode());
            o.put("unit", p.library().unit());
            o.put("library", p.library().score());
            o.put("libraryError", p.library().error());
            o.put("baseline", p.baseline().score());
            o.put("baselineError", p.baseline().error());
            o.put("ratio", p.ratio());
            o.put("ratioError", p.ratioError());
            if (p.library().mode().equals("sample") && p.library().p99() != null && p.baseline().p99() != null) {
                o.put("libraryP99", p.library().p99());
                o.put("baselineP99", p.baseline().p99());
            }
        }
        Map<String, String> sections = new LinkedHashMap<>();
        ObjectNode extras = latest.putObject("programs");
        for (String name : SECTIONS) {
            Path json = dir.resolve(name + ".json.tmp");
            Path md = dir.resolve(name + ".md.tmp");
            if (Files.exists(json)) {
                JsonNode node = JSON.readTree(json.toFile());
                extras.set(name, node);
                for (JsonNode t : node.path("targets")) {
                    checks.add(new Check(t.path("item").asText(), t.path("target").asText(), t.path("measured").asText(),
                            t.path("met").isBoolean() ? t.path("met").asBoolean() : null));
                }
            }
            if (Files.exists(md)) {
                sections.put(name, Files.readString(md, StandardCharsets.UTF_8));
            }
        }
        ArrayNode checksJson = latest.putArray("targets");
        for (Check c : checks) {
            ObjectNode o = checksJson.addObject();
            o.put("item", c.item());
            o.put("target", c.target());
            o.put("measured", c.measured());
            if (c.met() == null) {
                o.putNull("met");
            } else {
                o.put("met", c.met());
            }
        }
        Path jmhRaw = dir.resolve("jmh.json.tmp");
        latest.set("jmh", Files.exists(jmhRaw) ? JSON.readTree(jmhRaw.toFile()) : JSON.createArrayNode());
        JSON.writeValue(dir.resolve("latest.json").toFile(), latest);

        Files.writeString(markdown, markdown(latest, pairs, unpaired, checks, sections), StandardCharsets.UTF_8);
    }

    static List<Result> readJmh(Path file) throws IOException {
        List<Result> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (JsonNode b : JSON.readTree(file.toFile())) {
            JsonNode m = b.get("primaryMetric");
            JsonNode pct = m.get("scorePercentiles");
            Double p99 = pct != null && pct.has("99.0") ? pct.get("99.0").asDouble() : null;
            long samples = 0;
            for (JsonNode fork : m.path("rawData")) {
                samples += fork.size();
            }
            JsonNode err = m.get("scoreError");
            out.add(new Result(b.get("benchmark").asText(), b.get("mode").asText(), m.get("score").asDouble(),
                    err != null && err.isNumber() ? err.asDouble() : Double.NaN, m.get("scoreUnit").asText(), p99, samples));
        }
        return out;
    }

    /** Pairs {@code libraryX} with {@code baselineX} of the same class and mode; the rest is unpaired. */
    static void pair(List<Result> results, List<Pair> pairs, List<Result> unpaired) {
        Map<String, Result> byKey = new LinkedHashMap<>();
        results.forEach(r -> byKey.put(r.benchmark() + "#" + r.mode(), r));
        for (Result r : results) {
            String simple = r.simpleName();
            String prefix = r.benchmark().substring(0, r.benchmark().lastIndexOf('.') + 1);
            if (simple.startsWith("library")) {
                Result base = byKey.get(prefix + "baseline" + simple.substring("library".length()) + "#" + r.mode());
                if (base != null) {
                    pairs.add(new Pair(r, base));
                } else {
                    unpaired.add(r);
                }
            } else if (simple.startsWith("baseline")) {
                if (!byKey.containsKey(prefix + "library" + simple.substring("baseline".length()) + "#" + r.mode())) {
                    unpaired.add(r);
                }
            } else {
                unpaired.add(r);
            }
        }
    }

    /** The throughput targets of the issue, by benchmark class; latency means have none (their p99 has). */
    static Target target(Result library) {
        if (!library.mode().equals("thrpt")) {
            return null;
        }
        String cls = library.className();
        if (cls.startsWith("Signer")) {
            return new Target(0.95, true);
        }
        if (cls.startsWith("EndToEnd")) {
            return new Target(0.90, true);
        }
        if (cls.startsWith("Decoding")) {
            return new Target(1.0, true);
        }
        return null;
    }

    static boolean p99Target(Result library) {
        return library.mode().equals("sample") && library.className().startsWith("EndToEnd");
    }

    private static String markdown(JsonNode latest, List<Pair> pairs, List<Result> unpaired, List<Check> checks,
            Map<String, String> sections) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n")
                .append("Generated by `benchmarks/run.sh ").append(latest.path("profile").asText()).append("` on ")
                .append(latest.path("date").asText()).append(" — ").append(latest.path("java").asText()).append(", ")
                .append(latest.path("os").asText()).append(", ").append(latest.path("cpus").asInt()).append(" CPUs. ")
                .append("Raw numbers: [`results/latest.json`](results/latest.json). What each benchmark does, the ")
                .append("baselines, and the analysis of missed targets: [`README.md`](README.md).\n\n")
                .append("> **Shared machine.** This run was made on a 2-core machine shared with other builds and test ")
                .append("runs, so absolute numbers are noisy and the error bars wide; the ratios (library and baseline ")
                .append("measured in the same run, one fork after the other) are what to read. Re-run `benchmarks/run.sh full` on ")
                .append("a quiet machine for publishable figures.\n\n")
                .append("JMH options: `").append(latest.path("jmhOptions").asText()).append("`. ")
                .append("The Xiaoe throughput benchmarks run the simulator and the library with `xiaoe.rate-limit` = ")
                .append(String.format(Locale.ROOT, "%,d", XiaoeRig.HIGH_LIMIT)).append(" per `xiaoe.rate-window` = PT10S, ")
                .append("so they measure the client and not Xiaoe's quota (the library's limiter still runs); the ")
                .append("concurrency benchmark uses Xiaoe's real 500 per 10 s.\n\n");

        md.append("## Targets\n\n| item | target | measured | met |\n| --- | --- | --- | --- |\n");
        for (Check c : checks) {
            md.append("| ").append(c.item()).append(" | ").append(c.target()).append(" | ").append(c.measured())
                    .append(" | ").append(c.met() == null ? "—" : c.met() ? "yes" : "**no**").append(" |\n");
        }

        md.append("\n## Library vs baseline (JMH)\n\n")
                .append("Ratio = library / baseline score: for `thrpt` rows higher is better for the library, for ")
                .append("`sample` rows (time per call) lower is. Errors are JMH's 99.9% confidence half-widths; the ")
                .append("ratio's error is propagated from both.\n\n")
                .append("| benchmark | mode | library | baseline | unit | ratio | target | met |\n")
                .append("| --- | --- | ---: | ---: | --- | ---: | --- | --- |\n");
        for (Pair p : pairs) {
            Target t = target(p.library());
            md.append("| ").append(p.name()).append(" | ").append(p.library().mode()).append(" | ")
                    .append(fmt(p.library().score(), p.library().error())).append(" | ")
                    .append(fmt(p.baseline().score(), p.baseline().error())).append(" | ")
                    .append(p.library().unit()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f ± %.3f", p.ratio(), p.ratioError())).append(" | ")
                    .append(t == null ? "" : t.toString()).append(" | ")
                    .append(t == null ? "" : t.met(p.ratio()) ? "yes" : "**no**").append(" |\n");
            if (p.library().mode().equals("sample") && p.library().p99() != null && p.baseline().p99() != null) {
                double r = p.library().p99() / p.baseline().p99();
                boolean targeted = p99Target(p.library());
                md.append("| ").append(p.name()).append(" **p99** | ").append(p.library().mode()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", p.library().p99())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", p.baseline().p99())).append(" | ")
                        .append(p.library().unit()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", r)).append(" | ")
                        .append(targeted ? "≤ 1.10" : "").append(" | ")
                        .append(targeted ? (r <= 1.10 ? "yes" : "**no**") : "").append(" |\n");
            }
        }
        if (!unpaired.isEmpty()) {
            md.append("\nUnpaired JMH results:\n\n");
            for (Result r : unpaired) {
                md.append("- ").append(r.benchmark().replaceFirst("^dev\\.complaintkit\\.benchmarks\\.", "")).append(" (")
                        .append(r.mode()).append("): ").append(fmt(r.score(), r.error())).append(' ').append(r.unit())
                        .append('\n');
            }
        }
        sections.values().forEach(s -> md.append('\n').append(s.strip()).append('\n'));
        return md.toString();
    }

    private static double sq(double d) {
        return Double.isNaN(d) ? 0 : d * d;
    }

    private static String fmt(double score, double error) {
        String s = score >= 100 ? "%.0f" : score >= 1 ? "%.2f" : "%.4f";
        return Double.isNaN(error) ? String.format(Locale.ROOT, s, score)
                : String.format(Locale.ROOT, s + " ± " + s, score, error);
    }
}
