package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.ReplyReceipt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One call end to end against a loopback simulator, per provider: the library through its public
 * API ({@code ComplaintClient}) beside the hand-written baseline doing the same wire work. The
 * subclasses fix the mode: {@link EndToEndThroughput} (calls per second) and {@link EndToEndLatency}
 * (sampled time per call, with percentiles).
 *
 * <p>Every iteration gets fresh simulators and clients (set-up is not measured), so the simulators'
 * request logs and reply records never grow beyond one iteration's calls. Each set-up proves both
 * clients get a correct answer before anything is timed.
 */
@State(Scope.Benchmark)
public abstract class EndToEnd {
    private AllinpayRig allinpay;
    private YimaRig yima;
    private XiaoeRig xiaoe;

    /** Starts fresh simulators and clients. */
    @Setup(Level.Iteration)
    public void start() {
        allinpay = AllinpayRig.start();
        yima = YimaRig.start();
        xiaoe = XiaoeRig.start();
    }

    /** Stops them. */
    @TearDown(Level.Iteration)
    public void stop() {
        allinpay.close();
        yima.close();
        xiaoe.close();
    }

    /** @return an Allinpay history page of 100 rows (SM2) through {@code ComplaintClient.historyPage} */
    @Benchmark
    public Page<NegotiationEntry> libraryAllinpayHistory() {
        return allinpay.libraryHistory();
    }

    /** @return the same page through the hand-written client, as a Jackson tree */
    @Benchmark
    public JsonNode baselineAllinpayHistory() {
        return allinpay.baselineHistory();
    }

    /** @return a Yima reply (JSON, MD5) through {@code ComplaintClient.reply} */
    @Benchmark
    public ReplyReceipt libraryYimaReply() {
        return yima.libraryReply();
    }

    /** @return the same reply through the hand-written client */
    @Benchmark
    public String baselineYimaReply() {
        return yima.baselineReply();
    }

    /** @return a Xiaoe list page of 100 (cached token) through {@code ComplaintClient.complaintsPage} */
    @Benchmark
    public Page<Complaint> libraryXiaoeList() {
        return xiaoe.libraryList();
    }

    /** @return the same page through the hand-written client, as a Jackson tree */
    @Benchmark
    public JsonNode baselineXiaoeList() {
        return xiaoe.baselineList();
    }
}
