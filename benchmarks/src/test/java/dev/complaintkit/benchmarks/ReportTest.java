/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Report")
class ReportTest {
    private static final String JMH = """
            [
             {"benchmark":"dev.complaintkit.benchmarks.SignerBenchmark.libraryYimaMd5Sign","mode":"thrpt",
              "primaryMetric":{"score":960.0,"scoreError":10.0,"scoreUnit":"ops/s","rawData":[[950,960,970]]}},
             {"benchmark":"dev.complaintkit.benchmarks.SignerBenchmark.baselineYimaMd5Sign","mode":"thrpt",
              "primaryMetric":{"score":1000.0,"scoreError":"NaN","scoreUnit":"ops/s","rawData":[[1000]]}},
             {"benchmark":"dev.complaintkit.benchmarks.EndToEndLatency.libraryXiaoeList","mode":"sample",
              "primaryMetric":{"score":1200.0,"scoreError":50.0,"scoreUnit":"us/op",
                "scorePercentiles":{"50.0":1100.0,"99.0":2400.0},"rawData":[]}},
             {"benchmark":"dev.complaintkit.benchmarks.EndToEndLatency.baselineXiaoeList","mode":"sample",
              "primaryMetric":{"score":1000.0,"scoreError":50.0,"scoreUnit":"us/op",
                "scorePercentiles":{"50.0":900.0,"99.0":2000.0},"rawData":[]}},
             {"benchmark":"dev.complaintkit.benchmarks.DecodingBenchmark.libraryOnly","mode":"thrpt",
              "primaryMetric":{"score":5.0,"scoreError":1.0,"scoreUnit":"ops/s","rawData":[]}}
            ]
            """;

    @Test
    @DisplayName("pairs library and baseline per class and mode, with ratio, target and the programs' sections")
    void pairs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jmh.json.tmp"), JMH);
        Files.writeString(dir.resolve("cold-start.md.tmp"), "## Cold start\n\nsection text\n");
        Files.writeString(dir.resolve("cold-start.json.tmp"),
                "{\"targets\":[{\"item\":\"cold\",\"target\":\"< 50 ms\",\"measured\":\"+12 ms\",\"met\":true}]}");
        Path md = dir.resolve("RESULTS.md");

        Report.main(new String[] {dir.toString(), md.toString(), "quick", "-f 1"});

        String text = Files.readString(md, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("| SignerBenchmark.YimaMd5Sign | thrpt | 960 ± 10 | 1000 | ops/s | 0.960 ± 0.010 | ≥ 0.95 | yes |")
                .contains("| EndToEndLatency.XiaoeList **p99** | sample | 2400.0 | 2000.0 | us/op | 1.200 | ≤ 1.10 | **no** |")
                .contains("| EndToEndLatency.XiaoeList p99 | library/baseline ≤ 1.10 | 1.200 | **no** |")
                .contains("| cold | < 50 ms | +12 ms | yes |")
                .contains("DecodingBenchmark.libraryOnly (thrpt): 5.00 ± 1.00 ops/s")
                .contains("section text");
        JsonNode latest = new ObjectMapper().readTree(dir.resolve("latest.json").toFile());
        assertThat(latest.path("profile").asText()).isEqualTo("quick");
        assertThat(latest.path("pairs")).hasSize(2);
        assertThat(latest.path("pairs").get(0).path("ratio").asDouble()).isEqualTo(0.96);
        assertThat(latest.path("targets")).hasSize(3);
        assertThat(latest.path("jmh")).hasSize(5);
        assertThat(latest.path("programs").path("cold-start").path("targets")).hasSize(1);
    }
}
