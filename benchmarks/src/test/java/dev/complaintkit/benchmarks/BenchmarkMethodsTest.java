/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.ReplyReceipt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's set-up works and each library/baseline pair computes the same thing, once. No
 * JMH run and no timing: CI compiles and checks the benchmarks, it does not run them.
 */
@DisplayName("Benchmark methods")
class BenchmarkMethodsTest {

    @Test
    @DisplayName("signers: library and raw call give the same signature")
    void signers() {
        SignerBenchmark b = new SignerBenchmark();
        b.setUp();

        assertThat(b.libraryYimaMd5Sign()).isEqualTo(b.baselineYimaMd5Sign()).hasSize(32);
        assertThat(b.libraryAllinpayRsaSign()).isEqualTo(b.baselineAllinpayRsaSign()); // PKCS#1 v1.5 is deterministic
        assertThat(java.util.Base64.getDecoder().decode(b.librarySm2Sign())).hasSize(64);
        assertThat(java.util.Base64.getDecoder().decode(b.baselineSm2Sign())).hasSize(64);
        assertThat(b.librarySm2Verify()).isTrue();
        assertThat(b.baselineSm2Verify()).isTrue();
    }

    @Test
    @DisplayName("decoding: the library's page holds the rows of the baseline's tree, in order")
    void decoding() {
        DecodingBenchmark b = new DecodingBenchmark();
        b.setUp();

        Page<Complaint> page = b.libraryXiaoePage();
        JsonNode tree = b.baselineXiaoePage();

        List<String> ids = new ArrayList<>();
        tree.path("data").path("list").forEach(r -> ids.add(r.path("complaint_id").asText()));
        assertThat(page.items()).extracting(c -> c.id().value()).containsExactlyElementsOf(ids).hasSize(XiaoeRig.PAGE);
        assertThat(page.totalCount()).hasValue(tree.path("data").path("total").asLong());
    }

    @Test
    @DisplayName("decoding Allinpay: the library's 300 entries are the rows of the baseline's tree, in order")
    void decodingAllinpay() {
        DecodingBenchmark b = new DecodingBenchmark();
        b.setUp();

        List<String> ids = new ArrayList<>();
        b.baselineAllinpayRecords300().path("data").forEach(r -> ids.add(r.path("log_id").asText()));
        assertThat(b.libraryAllinpayRecords300().entries()).extracting(e -> e.logId())
                .containsExactlyElementsOf(ids).hasSize(DecodingBenchmark.ALLINPAY_ROWS);
    }

    @Test
    @DisplayName("end to end: every call succeeds against fresh simulators, which see each one")
    void endToEnd() {
        EndToEnd b = new EndToEndThroughput();
        EndToEnd.Allinpay allinpay = new EndToEnd.Allinpay();
        EndToEnd.Yima yima = new EndToEnd.Yima();
        EndToEnd.Xiaoe xiaoe = new EndToEnd.Xiaoe();
        allinpay.start();
        yima.start();
        xiaoe.start();
        try {
            assertThat(b.libraryAllinpayHistory(allinpay).items()).hasSize(AllinpayRig.PAGE);
            assertThat(b.baselineAllinpayHistory(allinpay).path("data").size()).isEqualTo(AllinpayRig.PAGE);
            ReplyReceipt receipt = b.libraryYimaReply(yima);
            String txn = b.baselineYimaReply(yima);
            Page<Complaint> page = b.libraryXiaoeList(xiaoe);
            JsonNode data = b.baselineXiaoeList(xiaoe);

            assertThat(receipt.code()).isEqualTo("0000");
            assertThat(txn).hasSize(32).isNotEqualTo(receipt.idempotencyKey());
            assertThat(page.items()).hasSize(XiaoeRig.PAGE);
            assertThat(data.path("list").size()).isEqualTo(XiaoeRig.PAGE);
        } finally {
            allinpay.stop();
            yima.stop();
            xiaoe.stop();
        }
    }
}
