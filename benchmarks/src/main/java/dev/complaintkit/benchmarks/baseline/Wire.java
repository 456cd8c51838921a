/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every hand-written baseline client shares: one {@link HttpClient} configured as a careful
 * user would (HTTP/1.1 to the loopback simulator, no redirects, 10 s connect time-out), one plain
 * {@link ObjectMapper}, and the canonical string Chinese payment gateways sign. Written here on its
 * own: the baselines never call the library.
 */
public final class Wire {
    /** The time-out of one exchange, as the library's default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** One mapper for every baseline (thread-safe once configured). */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private Wire() {}

    /** @return a new HTTP client as a hand-written integration would build it */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * @param fields the fields
     * @return {@code k=v&k=v} over the non-empty fields except {@code sign}, sorted by name, raw values
     */
    public static String canonical(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
            String v = e.getValue();
            if (v == null || v.isEmpty() || e.getKey().equals("sign")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(v);
        }
        return sb.toString();
    }

    /**
     * @param bytes bytes
     * @return upper-case hex
     */
    public static String upperHex(byte[] bytes) {
        return UPPER_HEX.formatHex(bytes);
    }
}
