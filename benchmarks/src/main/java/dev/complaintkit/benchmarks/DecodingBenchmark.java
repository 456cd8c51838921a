/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.benchmarks.baseline.AllinpayBaseline;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.XiaoeBaseline;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.Page;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.allinpay.internal.RecordsDecoder;
import dev.complaintkit.provider.xiaoe.internal.XiaoeInternals;
import dev.complaintkit.testkit.allinpay.AllinpayFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding an answer body into the domain model (the library's codec, internal classes) beside the
 * baseline's whole decoding step, a Jackson tree parse. Target: library/baseline at least 1.0, i.e.
 * the library binds straight to records without parsing twice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodingBenchmark {
    /** Rows in the Allinpay page. */
    static final int ALLINPAY_ROWS = 300;

    private String allinpayRecords;
    private byte[] xiaoePage;
    private HttpTransport.Response xiaoeResponse;

    /** Builds the bodies once, in the providers' wire shape, and checks both sides read them. */
    @Setup
    public void setUp() {
        try {
            // the test kit's recorded answer: a page of 300 rows with every media shape and operate_type
            JsonNode answer = Wire.JSON.readTree(AllinpayFixtures.largeHistoryPages().get(0));
            allinpayRecords = answer.path("records").asText();
            JsonNode rows = Wire.JSON.readTree(dev.complaintkit.testkit.xiaoe.XiaoeFixtures.largeDataSetJson());
            var root = Wire.JSON.createObjectNode();
            root.put("code", 0);
            var data = root.putObject("data");
            var list = data.putArray("list");
            for (int i = 0; i < XiaoeRig.PAGE; i++) {
                list.add(rows.get(i));
            }
            data.put("total", rows.size());
            root.put("msg", "操作成功");
            xiaoePage = Wire.JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (RecordsDecoder.decode(allinpayRecords).entries().size() != ALLINPAY_ROWS
                || AllinpayBaseline.parseRecords(allinpayRecords).path("data").size() != ALLINPAY_ROWS) {
            throw new IllegalStateException("the Allinpay records do not decode to " + ALLINPAY_ROWS + " rows");
        }
        xiaoeResponse = XiaoeInternals.response(xiaoePage);
        if (XiaoeInternals.decodeListPage(xiaoeResponse, XiaoeRig.PAGE).items().size() != XiaoeRig.PAGE
                || XiaoeBaseline.parse(xiaoePage).path("data").path("list").size() != XiaoeRig.PAGE) {
            throw new IllegalStateException("the Xiaoe page does not decode to " + XiaoeRig.PAGE + " rows");
        }
    }

    /** @return an Allinpay {@code records} page of 300 rows as entries, through the provider's {@code RecordsDecoder} */
    @Benchmark
    public RecordsDecoder.Records libraryAllinpayRecords300() {
        return RecordsDecoder.decode(allinpayRecords);
    }

    /** @return the same {@code records}: Base64, then a Jackson tree */
    @Benchmark
    public JsonNode baselineAllinpayRecords300() {
        return AllinpayBaseline.parseRecords(allinpayRecords);
    }

    /** @return a Xiaoe page of 100 rows as {@code Page<Complaint>}, through the provider's codec */
    @Benchmark
    public Page<Complaint> libraryXiaoePage() {
        return XiaoeInternals.decodeListPage(xiaoeResponse, XiaoeRig.PAGE);
    }

    /** @return the same body as a Jackson tree */
    @Benchmark
    public JsonNode baselineXiaoePage() {
        return XiaoeBaseline.parse(xiaoePage);
    }
}
