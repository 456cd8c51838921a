/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny loopback WeChat Pay for the multi-JVM reply test (no WeChat Pay simulator exists in the test
 * kit yet): complaint detail and reply, each request's {@code Authorization} checked and each answer
 * signed with the test kit's independent {@link WechatPayServerCrypto}, and WeChat's reply limit of
 * 60 per merchant per sliding minute enforced with HTTP 429 {@code RATE_LIMITED}.
 */
final class WechatPayStub implements AutoCloseable {
    static final int REPLIES_PER_MINUTE = 60;
    private static final String BASE = "/v3/merchant-service/complaints-v2/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WechatPayServerCrypto crypto = WechatPayServerCrypto.forTestMerchant();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ArrayDeque<Instant> window = new ArrayDeque<>();
    private final List<Instant> replies = new ArrayList<>();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final AtomicInteger unsigned = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    WechatPayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext(BASE, this::handle);
        server.start();
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Instant> replies() {
        return List.copyOf(replies);
    }

    int tooManyRequests() {
        return tooMany.get();
    }

    int unsignedRequests() {
        return unsigned.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Optional<String> problem = crypto.checkAuthorization(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestMethod(), raw, body, Instant.now().getEpochSecond());
        if (problem.isPresent()) {
            unsigned.incrementAndGet();
            send(exchange, n, 401, "{\"code\":\"SIGN_ERROR\",\"message\":\"bad signature\"}", false);
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(BASE.length());
        if (exchange.getRequestMethod().equals("GET") && !rest.contains("/")) {
            send(exchange, n, 200, complaintJson(rest), true);
        } else if (exchange.getRequestMethod().equals("POST") && rest.endsWith("/response")) {
            if (admitReply()) {
                send(exchange, n, 204, "", true);
            } else {
                tooMany.incrementAndGet();
                send(exchange, n, 429, "{\"code\":\"RATE_LIMITED\",\"message\":\"频率超限\"}", false);
            }
        } else {
            send(exchange, n, 404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"no route\"}", true);
        }
    }

    private synchronized boolean admitReply() {
        Instant now = Instant.now();
        while (!window.isEmpty() && !window.peekFirst().plus(Duration.ofMinutes(1)).isAfter(now)) {
            window.pollFirst();
        }
        if (window.size() >= REPLIES_PER_MINUTE) {
            return false;
        }
        window.addLast(now);
        replies.add(now);
        return true;
    }

    private void send(HttpExchange exchange, int n, int status, String json, boolean signed) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-ID", "stub-" + n);
        if (signed) {
            crypto.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, Instant.now().getEpochSecond(), "n" + n, bytes)
                    .forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        }
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (status != 204) {
                out.write(bytes);
            }
        }
    }

    private String complaintJson(String id) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("complaint_id", id);
        c.put("complaint_time", OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(1).withNano(0).toString());
        c.put("complaint_detail", "课程无法观看");
        c.put("complaint_state", "PENDING");
        c.put("complainted_mchid", WechatPayTestKeys.MCHID);
        c.put("complaint_order_info", List.of(Map.of("transaction_id", "4200001", "out_trade_no", "o-1", "amount", 990)));
        c.put("complaint_full_refunded", false);
        c.put("incoming_user_response", true);
        c.put("problem_description", "申请退款");
        c.put("user_complaint_times", 1);
        c.put("need_immediate_service", false);
        return JSON.writeValueAsString(c);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
