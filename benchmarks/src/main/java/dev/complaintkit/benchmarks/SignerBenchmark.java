package dev.complaintkit.benchmarks;

import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.YimaBaseline;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import dev.complaintkit.spi.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The providers' signers ({@code dev.complaintkit.port.Signer} implementations, internal classes)
 * beside the raw JDK / Bouncy Castle call with a pre-parsed key. Both sides sign the same canonical
 * bytes of a realistic request; both create the (cheap, not thread-safe) {@code MessageDigest} /
 * {@code Signature} object per call, as a thread-safe client must, and neither parses a key per call.
 * Target: library/raw throughput at least 0.95.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignerBenchmark {
    private byte[] yimaCanonical;
    private Md5Signer yimaLibrary;
    private YimaBaseline yimaRaw;

    /** Prepares keys and data once; checks library and raw agree. */
    @Setup
    public void setUp() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("request_type", "risk_complaints_resp_request");
        f.put("isspid", YimaRig.ISSPID);
        f.put("transaction_id", "ck20240401120000a1b2c3d4e5f60718");
        f.put("system_id", YimaRig.SYSTEM_ID);
        f.put("seller_account", YimaRig.SELLER_ACCOUNT);
        f.put("complaint_id", "200201820240400000000000000042");
        f.put("response_content", YimaRig.TEXT);
        f.put("jump_url", YimaRig.JUMP_URL);
        f.put("jump_url_text", YimaRig.JUMP_TEXT);
        yimaCanonical = Wire.canonical(f).getBytes(StandardCharsets.UTF_8);
        yimaLibrary = new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(YimaRig.SECRET), StandardCharsets.UTF_8);
        yimaRaw = new YimaBaseline(null, URI.create("http://127.0.0.1/"), YimaRig.ISSPID, YimaRig.SYSTEM_ID,
                YimaRig.SELLER_ACCOUNT, YimaRig.SECRET);
        if (!yimaLibrary.sign(yimaCanonical).equals(yimaRaw.sign(yimaCanonical))) {
            throw new IllegalStateException("library and raw MD5 disagree");
        }
    }

    /** @return Yima MD5 through the library's {@code Md5Signer} */
    @Benchmark
    public String libraryYimaMd5Sign() {
        return yimaLibrary.sign(yimaCanonical);
    }

    /** @return Yima MD5 through {@code MessageDigest} directly */
    @Benchmark
    public String baselineYimaMd5Sign() {
        return yimaRaw.sign(yimaCanonical);
    }
}
