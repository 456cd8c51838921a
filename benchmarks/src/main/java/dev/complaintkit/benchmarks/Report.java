package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result into {@code RESULTS.md}: each {@code library…} benchmark beside its
 * {@code baseline…} twin from the same run, with the ratio and its error, and the target.
 * Pairing: in one benchmark class, {@code libraryX} pairs with {@code baselineX}.
 */
public final class Report {
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

    record Result(String benchmark, String mode, double score, double error, String unit, Double p99) {}

    /**
     * @param args JMH JSON file, Markdown output file, then optional extra Markdown sections to append
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode b : root) {
            String name = b.get("benchmark").asText();
            String mode = b.get("mode").asText();
            JsonNode m = b.get("primaryMetric");
            JsonNode pct = m.get("scorePercentiles");
            Double p99 = pct != null && pct.has("99.0") ? pct.get("99.0").asDouble() : null;
            results.put(name + "#" + mode, new Result(name, mode, m.get("score").asDouble(),
                    m.get("scoreError").isNumber() ? m.get("scoreError").asDouble() : Double.NaN, m.get("scoreUnit").asText(), p99));
        }
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n")
                .append("Library vs hand-written baseline, measured in the same JMH run (`benchmarks/run.sh`).\n")
                .append("Ratio = library / baseline throughput (for latency rows: library / baseline time). ")
                .append("Error is JMH's 99.9% confidence half-width; the ratio's error is propagated from both.\n\n")
                .append("| benchmark | mode | library | baseline | unit | ratio | target | met |\n")
                .append("| --- | --- | ---: | ---: | --- | ---: | --- | --- |\n");
        List<String> unpaired = new ArrayList<>();
        for (Result lib : results.values()) {
            String simple = lib.benchmark().substring(lib.benchmark().lastIndexOf('.') + 1);
            if (!simple.startsWith("library")) {
                if (!simple.startsWith("baseline")) {
                    unpaired.add(lib.benchmark() + " (" + lib.mode() + "): " + fmt(lib.score(), lib.error()) + " " + lib.unit());
                }
                continue;
            }
            String baseName = lib.benchmark().substring(0, lib.benchmark().lastIndexOf('.') + 1) + "baseline" + simple.substring("library".length());
            Result base = results.get(baseName + "#" + lib.mode());
            if (base == null) {
                unpaired.add(lib.benchmark() + " (" + lib.mode() + "): " + fmt(lib.score(), lib.error()) + " " + lib.unit());
                continue;
            }
            boolean throughput = lib.mode().equals("thrpt");
            double ratio = lib.score() / base.score();
            double relErr = Math.sqrt(sq(lib.error() / lib.score()) + sq(base.error() / base.score()));
            Target target = target(lib.benchmark(), throughput);
            String name = lib.benchmark().replaceFirst("^dev\\.complaintkit\\.benchmarks\\.", "");
            md.append("| ").append(name).append(" | ").append(lib.mode()).append(" | ")
                    .append(fmt(lib.score(), lib.error())).append(" | ").append(fmt(base.score(), base.error())).append(" | ")
                    .append(lib.unit()).append(" | ").append(String.format(Locale.ROOT, "%.3f ± %.3f", ratio, ratio * relErr))
                    .append(" | ").append(target == null ? "" : target.toString()).append(" | ")
                    .append(target == null ? "" : target.met(ratio) ? "yes" : "**no**").append(" |\n");
            if (lib.p99() != null && base.p99() != null) {
                double p99Ratio = lib.p99() / base.p99();
                md.append("| ").append(name).append(" p99 | ").append(lib.mode()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", lib.p99())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", base.p99())).append(" | ").append(lib.unit()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", p99Ratio)).append(" | ≤ 1.10 | ")
                        .append(p99Ratio <= 1.10 ? "yes" : "**no**").append(" |\n");
            }
        }
        if (!unpaired.isEmpty()) {
            md.append("\n## Other measurements\n\n");
            unpaired.forEach(u -> md.append("- ").append(u).append('\n'));
        }
        for (int i = 2; i < args.length; i++) {
            Path extra = Path.of(args[i]);
            if (Files.exists(extra)) {
                md.append('\n').append(Files.readString(extra, StandardCharsets.UTF_8));
            }
        }
        Files.writeString(Path.of(args[1]), md.toString(), StandardCharsets.UTF_8);
    }

    private static Target target(String benchmark, boolean throughput) {
        if (!throughput) {
            return new Target(1.10, false);
        }
        if (benchmark.contains("Signer")) {
            return new Target(0.95, true);
        }
        if (benchmark.contains("EndToEnd")) {
            return new Target(0.90, true);
        }
        if (benchmark.contains("Decod")) {
            return new Target(1.0, true);
        }
        return null;
    }

    private static double sq(double d) {
        return Double.isNaN(d) ? 0 : d * d;
    }

    private static String fmt(double score, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f", score) : String.format(Locale.ROOT, "%.3f ± %.3f", score, error);
    }
}
