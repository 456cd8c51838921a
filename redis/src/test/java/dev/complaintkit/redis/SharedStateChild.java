/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.Secret;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.wechatpay.WechatPayConfig;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One instance of a back end, in its own JVM, for the multi-JVM tests: clients made with one
 * {@link RedisSharedState}, {@code threads} workers calling the Xiaoe list or the WeChat Pay reply for
 * {@code duration-ms} after the parent says {@code GO}, and a loopback webhook that hands WeChat Pay
 * notifications to {@link ComplaintClient#receive}. Arguments are {@code key=value}; it prints
 * {@code READY webhook=<port>}, then {@code RESULT ok=<n> errors=<class:count,…>}, then exits.
 */
public final class SharedStateChild {
    private SharedStateChild() {}

    /**
     * @param args {@code child=<index> redis=… prefix=… threads=… duration-ms=… [xiaoe=<uri> [xiaoe-rate-limit=<n>]]
     *     [wechat=<uri> [wechat-complaints=<id>,<id>,…]]}: without {@code xiaoe}, worker {@code t} of child
     *     {@code i} replies to complaint number {@code i × threads + t} (modulo the list)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int threads = Integer.parseInt(a.get("threads"));
        int child = Integer.parseInt(a.getOrDefault("child", "0"));
        List<String> complaints = a.getOrDefault("wechat-complaints", "").isEmpty() ? List.of()
                : List.of(a.get("wechat-complaints").split(","));
        if (!a.containsKey("xiaoe") && complaints.isEmpty()) {
            throw new IllegalArgumentException("neither xiaoe=<uri> nor wechat-complaints=<ids>: nothing to call");
        }
        long duration = Long.parseLong(a.get("duration-ms"));
        RedisSharedState redis = RedisSharedState.builder().uri(a.get("redis")).keyPrefix(a.get("prefix")).build();
        long connectBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!redis.ping()) { // an instance connects before it takes traffic
            if (System.nanoTime() > connectBy) {
                throw new IllegalStateException("Redis did not answer within 60 s");
            }
            Thread.sleep(100);
        }
        ComplaintClient wechat = Complaints.builder().config(wechatConfig(a.getOrDefault("wechat", "http://127.0.0.1:9")))
                .sharedState(redis.sharedState()).requestTimeout(Duration.ofSeconds(10)).build();
        ComplaintClient xiaoe = null;
        if (a.containsKey("xiaoe")) {
            XiaoeConfig.Builder x = XiaoeConfig.builder().endpoint(a.get("xiaoe")).appId(XiaoeSimulator.APP_ID)
                    .clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY);
            if (a.containsKey("xiaoe-rate-limit")) {
                x.rateLimit(Integer.parseInt(a.get("xiaoe-rate-limit")), Duration.ofSeconds(10));
            }
            xiaoe = Complaints.builder().config(x.build()).sharedState(redis.sharedState())
                    .requestTimeout(Duration.ofSeconds(30)).build();
            xiaoe.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)); // warm: the first call loads the code path
        }
        HttpServer webhook = webhook(wechat);
        System.out.println("READY webhook=" + webhook.getAddress().getPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            System.exit(2);
        }
        long end = System.nanoTime() + duration * 1_000_000;
        LongAdder ok = new LongAdder();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        ComplaintClient listing = xiaoe;
        for (int t = 0; t < threads; t++) {
            String complaint = complaints.isEmpty() ? null : complaints.get((child * threads + t) % complaints.size());
            String replier = child + "-" + t + "-";
            Thread w = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        if (listing != null) {
                            listing.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
                        } else { // each reply's text is its own, so the simulator's history shows each reply once
                            wechat.reply(ReplyRequest.builder(complaint).text("已为您处理，请查收（" + replier + n++ + "）").build());
                        }
                        if (System.nanoTime() < end) {
                            ok.increment();
                        }
                    } catch (RuntimeException e) { // typed ComplaintExceptions are expected; anything else is a bug, counted too
                        String kind = e instanceof RateLimitedException r ? "RateLimited:" + r.code() : e.getClass().getSimpleName();
                        errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        System.err.println("call failed: " + e);
                    }
                }
            }, "worker-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        Thread.sleep(duration);
        StringBuilder e = new StringBuilder();
        new TreeMap<>(errors).forEach((k, v) -> e.append(e.length() == 0 ? "" : ",").append(k).append(':').append(v.get()));
        System.out.println("RESULT ok=" + ok.sum() + " errors=" + e);
        System.out.flush();
        Runtime.getRuntime().halt(0); // workers waiting for a permit are abandoned, as a stopped pod's would be
    }

    static WechatPayConfig wechatConfig(String endpoint) {
        return WechatPayConfig.builder().endpoint(endpoint).mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey()).build();
    }

    /** A webhook as a back end would expose it: the answer says whether this instance processed the event. */
    static HttpServer webhook(ComplaintClient wechat) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/notify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            String outcome;
            int status;
            try {
                NotificationResult r = wechat.receive(NotificationDelivery.of(exchange.getRequestMethod(), headers, body));
                outcome = r instanceof NotificationResult.Accepted ? "processed"
                        : r instanceof NotificationResult.Duplicate ? "duplicate" : "refused";
                status = r.reply().status();
            } catch (RuntimeException e) {
                e.printStackTrace();
                outcome = "error:" + e.getClass().getSimpleName();
                status = 500;
            }
            exchange.getResponseHeaders().add("X-Outcome", outcome);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
