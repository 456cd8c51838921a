/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.XiaoeBaseline;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The Xiaoe end-to-end set-up: the test kit's simulator serving {@value #PAGE} complaints (the first
 * rows of the test kit's large data set), a library client and the hand-written baseline, each with
 * its token already fetched, asking for one page of {@value #PAGE}.
 *
 * <p>Rate limits: Xiaoe allows 500 calls per 10 s. For throughput runs both the simulator and the
 * library are configured with {@link #HIGH_LIMIT} per 10 s ({@code xiaoe.rate-limit},
 * {@code xiaoe.rate-window}) so the benchmark measures the client, not the quota; the library's
 * limiter still runs (it takes and releases a permit per call). The concurrency benchmark uses
 * Xiaoe's real 500 per 10 s instead.
 */
public final class XiaoeRig implements AutoCloseable {
    /** Rows per page, and rows in the store. */
    public static final int PAGE = 100;
    /** The limit per 10 s used for throughput runs. */
    public static final int HIGH_LIMIT = 10_000_000;

    private final XiaoeSimulator simulator;
    private final ComplaintClient library;
    private final XiaoeBaseline baseline;
    private final String baselineToken;

    private XiaoeRig(int limit) {
        this.simulator = XiaoeSimulator.builder().store(firstRows(PAGE)).rateLimit(limit, Duration.ofSeconds(10))
                .build().start();
        this.library = Complaints.client("xiaoe", properties(simulator, limit));
        this.baseline = new XiaoeBaseline(Wire.newHttpClient(), simulator.baseUri());
        this.baselineToken = baseline.token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY);
    }

    /**
     * @param simulator the simulator
     * @param limit calls per 10 s
     * @return the library's settings for it
     */
    public static Map<String, String> properties(XiaoeSimulator simulator, int limit) {
        return Map.of("xiaoe.endpoint", simulator.baseUri().toString(),
                "xiaoe.app-id", XiaoeSimulator.APP_ID,
                "xiaoe.client-id", XiaoeSimulator.CLIENT_ID,
                "xiaoe.secret-key", XiaoeSimulator.SECRET_KEY,
                "xiaoe.rate-limit", Integer.toString(limit),
                "xiaoe.rate-window", "PT10S");
    }

    /**
     * @param rows how many
     * @return a store with the first rows of the test kit's large data set
     */
    public static ComplaintStore firstRows(int rows) {
        try {
            JsonNode all = Wire.JSON.readTree(XiaoeFixtures.largeDataSetJson());
            ArrayNode some = Wire.JSON.createArrayNode();
            for (int i = 0; i < rows; i++) {
                some.add(all.get(i));
            }
            return XiaoeFixtures.storeOf(Wire.JSON.writeValueAsString(some));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a rig with the high limit and proves both clients get the full page.
     *
     * @return the rig
     */
    public static XiaoeRig start() {
        return start(HIGH_LIMIT);
    }

    /**
     * @param limit calls per 10 s, for the simulator and the library
     * @return a started, checked rig
     */
    public static XiaoeRig start(int limit) {
        XiaoeRig rig = new XiaoeRig(limit);
        Page<Complaint> page = rig.libraryList();
        JsonNode data = rig.baselineList();
        if (page.items().size() != PAGE || data.path("list").size() != PAGE
                || !page.items().get(0).id().value().equals(data.path("list").get(0).path("complaint_id").asText())) {
            rig.close();
            throw new IllegalStateException("the Xiaoe rig does not work: " + page.items().size() + " rows");
        }
        return rig;
    }

    /** @return page 1 through the library */
    public Page<Complaint> libraryList() {
        return library.complaintsPage(ComplaintFilter.all(), PageRequest.first(PAGE));
    }

    /** @return page 1's {@code data} through the baseline */
    public JsonNode baselineList() {
        return baseline.list(baselineToken, 1, PAGE);
    }

    /** @return the library client */
    public ComplaintClient library() {
        return library;
    }

    /** @return the simulator */
    public XiaoeSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        library.close();
        simulator.close();
    }
}
