package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.XiaoeBaseline;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.Page;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.xiaoe.internal.XiaoeInternals;
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
    private byte[] xiaoePage;
    private HttpTransport.Response xiaoeResponse;

    /** Builds the bodies once, in the providers' wire shape, and checks both sides read them. */
    @Setup
    public void setUp() {
        try {
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
        xiaoeResponse = XiaoeInternals.response(xiaoePage);
        if (XiaoeInternals.decodeListPage(xiaoeResponse, XiaoeRig.PAGE).items().size() != XiaoeRig.PAGE
                || XiaoeBaseline.parse(xiaoePage).path("data").path("list").size() != XiaoeRig.PAGE) {
            throw new IllegalStateException("the Xiaoe page does not decode to " + XiaoeRig.PAGE + " rows");
        }
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
