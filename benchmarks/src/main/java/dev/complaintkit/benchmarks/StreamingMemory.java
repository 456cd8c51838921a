/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Benchmark 4, streaming memory (a {@code main}, not JMH): {@value #ENTRIES} negotiation entries
 * ({@value #PAGES} pages of {@value #PAGE_SIZE}, SM2) streamed through
 * {@code ComplaintClient.history(...)} in a child JVM with {@code -Xmx64m}, against the Allinpay
 * simulator running in this (parent) process, so that the simulator's copy of the history does not
 * count against the child's heap.
 *
 * <p>The child ({@link Child}) consumes the stream one entry at a time and, every
 * {@value #CHECKPOINT} entries, runs {@code System.gc()} and records the used heap; it also records
 * the largest used heap after any collection between checkpoints (GC notifications). Target: the
 * run completes, and the heap after GC at {@value #ENTRIES} entries is not above the one at
 * {@value #CHECKPOINT} by more than {@value #TOLERANCE_BYTES} bytes (noise of one page in flight).
 *
 * <p>Arguments: results directory, the {@code java} command, the classpath for the child.
 */
public final class StreamingMemory {
    static final int ENTRIES = 100_000;
    static final int PAGE_SIZE = 100;
    static final int PAGES = ENTRIES / PAGE_SIZE;
    static final int CHECKPOINT = 10_000;
    static final long TOLERANCE_BYTES = 1L << 20;
    static final String HEAP = "-Xmx64m";

    private StreamingMemory() {}

    /**
     * @param args results directory, java command, classpath
     * @throws Exception when the child fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        String java = args.length > 1 ? args[1] : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = args.length > 2 ? args[2] : System.getProperty("java.class.path");
        ComplaintStore store = ComplaintStore.create().seed(1, ENTRIES);
        ComplaintId complaint = store.complaints().get(0).id();
        try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start()) {
            List<String> command = List.of(java, HEAP, "-cp", classpath, Child.class.getName(),
                    sim.endpoint().toString(), complaint.value(), sim.platformPublicKey(AllinpayRig.SIGN_TYPE));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            JsonNode result = null;
            StringBuilder output = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("{")) {
                        result = Wire.JSON.readTree(line);
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
                throw new IllegalStateException("the -Xmx64m child failed:\n" + output);
            }
            report(dir, result, (System.nanoTime() - start) / 1e9, sim.requestCount());
        }
    }

    private static void report(Path dir, JsonNode r, double wallSeconds, int requests) {
        Fragment out = new Fragment("streaming-memory");
        ObjectNode j = out.json();
        j.setAll((ObjectNode) r);
        j.put("wallSeconds", wallSeconds);
        j.put("requestsAtSimulator", requests);
        long entries = r.path("entries").asLong();
        JsonNode points = r.path("checkpoints");
        long at10k = points.get(0).path("usedAfterGc").asLong();
        long at100k = points.get(points.size() - 1).path("usedAfterGc").asLong();
        boolean completed = entries == ENTRIES;
        boolean flat = at100k - at10k <= TOLERANCE_BYTES;
        out.target("Streaming 100,000 entries under -Xmx64m: completes", "all " + ENTRIES + " entries",
                entries + " entries in " + Fragment.f("%.1f s", r.path("seconds").asDouble()), completed);
        out.target("Streaming: heap after GC does not grow with the count", "100k − 10k ≤ 1 MiB",
                Fragment.f("%.2f MiB at 10k, %.2f MiB at 100k (%+.0f KiB)", mib(at10k), mib(at100k), (at100k - at10k) / 1024.0),
                flat);
        StringBuilder md = out.md();
        md.append("## Streaming memory\n\n")
                .append(Fragment.f("`client.history(id)` over %,d negotiation entries (%,d pages of %d, SM2, signatures ",
                        ENTRIES, PAGES, PAGE_SIZE))
                .append("verified per page) in a child JVM with `").append(HEAP).append("`; the simulator runs in the ")
                .append("parent. At every 10,000 entries the child runs `System.gc()` and reads the used heap; between ")
                .append("checkpoints it keeps the largest used heap reported after any collection.\n\n")
                .append(Fragment.f("Completed: **%s** — %,d entries in %.1f s (%,d requests at the simulator).%n%n",
                        completed ? "yes" : "no", entries, r.path("seconds").asDouble(), requests))
                .append("| entries | heap after `System.gc()` | largest heap after a GC since the previous checkpoint |\n")
                .append("| ---: | ---: | ---: |\n");
        for (JsonNode p : points) {
            md.append(Fragment.f("| %,d | %.2f MiB | %.2f MiB |%n", p.path("entries").asLong(),
                    mib(p.path("usedAfterGc").asLong()), mib(p.path("peakAfterGcSincePrevious").asLong())));
        }
        md.append(Fragment.f("%nHeap after GC at 10k: %.2f MiB; at 100k: %.2f MiB; difference %+.0f KiB (target ≤ 1 MiB: %s). ",
                        mib(at10k), mib(at100k), (at100k - at10k) / 1024.0, flat ? "met" : "**missed**"))
                .append(Fragment.f("Max heap %.0f MiB.%n", mib(r.path("maxHeap").asLong())));
        out.write(dir);
        System.out.println(md);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** The {@code -Xmx64m} child: streams the history and prints one JSON line of measurements. */
    public static final class Child {
        private Child() {}

        /**
         * @param args simulator endpoint, complaint id, platform public key (SM2, Base64)
         * @throws Exception when streaming fails
         */
        public static void main(String[] args) throws Exception {
            AtomicLong peakSinceCheckpoint = new AtomicLong();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                        peakSinceCheckpoint.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AllinpayConfig config = AllinpayConfig.builder().endpoint(URI.create(args[0]))
                    .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType(AllinpayRig.SIGN_TYPE)
                    .privateKey(AllinpayTestKeys.merchantPrivateKey(AllinpayRig.SIGN_TYPE)).platformPublicKey(args[2]).build();
            ObjectNode out = Wire.JSON.createObjectNode();
            ArrayNode checkpoints = out.putArray("checkpoints");
            long start = System.nanoTime();
            long count = 0;
            long lastLogId = -1;
            boolean ordered = true;
            try (ComplaintClient client = Complaints.client(config);
                 Stream<NegotiationEntry> history = client.history(ComplaintId.of(args[1]), PAGE_SIZE)) {
                Iterator<NegotiationEntry> it = history.iterator();
                while (it.hasNext()) {
                    NegotiationEntry e = it.next();
                    long logId = Long.parseLong(e.logId().substring(e.logId().length() - 6));
                    ordered &= logId == lastLogId + 1;
                    lastLogId = logId;
                    count++;
                    if (count % CHECKPOINT == 0) {
                        System.gc();
                        ObjectNode p = checkpoints.addObject();
                        p.put("entries", count);
                        p.put("usedAfterGc", memory.getHeapMemoryUsage().getUsed());
                        p.put("peakAfterGcSincePrevious", peakSinceCheckpoint.getAndSet(0));
                    }
                }
            }
            out.put("entries", count);
            out.put("inOrder", ordered);
            out.put("seconds", (System.nanoTime() - start) / 1e9);
            out.put("maxHeap", memory.getHeapMemoryUsage().getMax());
            out.put("gcs", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum());
            List<String> collectors = new ArrayList<>();
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> collectors.add(gc.getName()));
            out.put("collectors", String.join(", ", collectors));
            if (!ordered) {
                throw new IllegalStateException("entries came out of order");
            }
            System.out.println(Wire.JSON.writeValueAsString(out));
        }
    }
}
