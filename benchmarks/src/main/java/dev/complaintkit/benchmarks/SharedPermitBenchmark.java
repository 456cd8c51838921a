/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.PermitSource;
import dev.complaintkit.Secret;
import dev.complaintkit.SharedState;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.provider.wechatpay.WechatPayConfig;
import dev.complaintkit.provider.wechatpay.WechatPayProvider;
import dev.complaintkit.redis.RedisSharedState;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of shared state, paired in one run: {@code library…} goes through
 * {@code complaintkit-redis} ({@link RedisSharedState}, a real {@code redis-server} started on a free
 * loopback port for the trial), {@code baseline…} through the in-JVM default.
 *
 * <ul>
 *   <li>{@code SharedPermit}: one permit of a budget that never runs out ({@link PermitSource#tryAcquire}):
 *       one Lua script on Redis against a synchronized deque.</li>
 *   <li>{@code NotificationReceive}: a library call that uses the shared state,
 *       {@link ComplaintClient#receive} of a signed, encrypted WeChat Pay notification (signature check,
 *       AES-GCM, then the processed-id {@code SET NX}; a repeat is a {@code Duplicate} but costs the same).</li>
 * </ul>
 *
 * <p>No target: the ratio is reported as the price of sharing (one loopback round trip per call).
 * Needs {@code redis-server} (Debian: {@code apt-get install -y redis-server}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SharedPermitBenchmark {
    private static final PermitSource.Budget BUDGET = new PermitSource.Budget("bench", "acct", "op", Integer.MAX_VALUE,
            Duration.ofMillis(1));

    private Process redisServer;
    private Path dir;
    private RedisSharedState redis;
    private PermitSource jvm;
    private ComplaintClient redisClient;
    private ComplaintClient jvmClient;
    private NotificationDelivery delivery;

    /** Starts redis-server, both states and both clients; checks that both receive the notification. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("bench-redis-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String exe = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "redis-server";
        redisServer = new ProcessBuilder(List.of(exe, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pings(port)) {
            if (System.nanoTime() > deadline || !redisServer.isAlive()) {
                throw new IllegalStateException("redis-server did not start (apt-get install -y redis-server)");
            }
            Thread.sleep(20);
        }
        redis = RedisSharedState.builder().uri("redis://127.0.0.1:" + port).keyPrefix("bench").build();
        if (!redis.ping()) {
            throw new IllegalStateException("Redis did not answer");
        }
        jvm = PermitSource.inJvm();
        redisClient = client(redis.sharedState());
        jvmClient = client(SharedState.isolated());
        WechatPayServerCrypto crypto = WechatPayServerCrypto.forTestMerchant();
        byte[] body = crypto.complaintNotification("EV-bench", OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).withNano(0).toString(),
                "COMPLAINT.CREATE", "产生新投诉", "abcdefghijkl", "200201820240612093015000001", "CREATE_COMPLAINT");
        Map<String, String> headers = new LinkedHashMap<>(crypto.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
                Instant.now().getEpochSecond(), "nonce-bench", body));
        headers.put("Content-Type", "application/json");
        delivery = NotificationDelivery.of("POST", headers, body);
        if (!(receive(redisClient) instanceof NotificationResult.Accepted)
                || !(receive(jvmClient) instanceof NotificationResult.Accepted)) {
            throw new IllegalStateException("the notification was not accepted");
        }
    }

    private static ComplaintClient client(SharedState state) {
        WechatPayConfig config = WechatPayConfig.builder().endpoint("http://127.0.0.1:9").mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey()).build();
        return Complaints.builder().provider(new WechatPayProvider()).config(config).sharedState(state).build();
    }

    private NotificationResult receive(ComplaintClient client) {
        return client.receive(delivery);
    }

    private static boolean pings(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the clients, the state and redis-server. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        redisClient.close();
        jvmClient.close();
        redis.close();
        redisServer.destroy();
        redisServer.waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** @return the wait (zero): a permit from the Redis permit source */
    @Benchmark
    public Duration librarySharedPermit() {
        return redis.permits().tryAcquire(BUDGET);
    }

    /** @return the wait (zero): a permit from the in-JVM permit source */
    @Benchmark
    public Duration baselineSharedPermit() {
        return jvm.tryAcquire(BUDGET);
    }

    /** @return the result: a notification received with dedupe on Redis */
    @Benchmark
    public NotificationResult libraryNotificationReceive() {
        return receive(redisClient);
    }

    /** @return the result: a notification received with dedupe in memory */
    @Benchmark
    public NotificationResult baselineNotificationReceive() {
        return receive(jvmClient);
    }
}
