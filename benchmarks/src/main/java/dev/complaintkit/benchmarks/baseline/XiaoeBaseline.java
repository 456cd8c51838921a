/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written Xiaoe-tech client, as a merchant would write it without complaintkit: one token
 * request ({@code GET /token}), kept by the caller; then the complaint list as a JSON body built
 * with Jackson, {@code HttpClient}, and a Jackson tree parse of the answer, checking {@code code}.
 * No limiter and no token renewal: those are what the library adds. Thread-safe.
 */
public final class XiaoeBaseline {
    /** The list call's path. */
    public static final String LIST_PATH = "/xe.pay_through.complaint_record.xe.b_complaints.list/1.0.0";

    private final HttpClient http;
    private final URI base;
    private final URI listUri;

    /**
     * @param http the client to send with
     * @param base the API base, e.g. the simulator's
     */
    public XiaoeBaseline(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
        this.listUri = base.resolve(LIST_PATH);
    }

    /**
     * @param appId the shop's app id
     * @param clientId the API client id
     * @param secretKey the API secret
     * @return a fresh access token
     */
    public String token(String appId, String clientId, String secretKey) {
        URI uri = base.resolve("/token?app_id=" + enc(appId) + "&client_id=" + enc(clientId) + "&secret_key="
                + enc(secretKey) + "&grant_type=client_credential");
        JsonNode root = send(HttpRequest.newBuilder(uri).timeout(Wire.TIMEOUT).header("Accept", "application/json")
                .GET().build());
        String token = root.path("data").path("access_token").asText("");
        if (token.isEmpty()) {
            throw new IllegalStateException("no access_token");
        }
        return token;
    }

    /**
     * One page of the complaint list, every state and channel.
     *
     * @param token the access token
     * @param page 1-based page number
     * @param pageSize rows per page
     * @return the answer's {@code data} ({@code list} and {@code total}) as a Jackson tree
     */
    public JsonNode list(String token, int page, int pageSize) {
        ObjectNode body = Wire.JSON.createObjectNode();
        body.put("access_token", token);
        body.put("complaint_id", "");
        body.put("state", "");
        body.put("channel_type", 0);
        body.put("is_overtime", 0);
        body.put("page", page);
        body.put("page_size", pageSize);
        try {
            return send(HttpRequest.newBuilder(listUri).timeout(Wire.TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body))).build())
                    .path("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The baseline's whole decoding step: a Jackson tree parse and the envelope's {@code code}.
     *
     * @param body an answer body
     * @return the answer's {@code data}
     */
    public static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = Wire.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
        if (root.path("code").asInt(-1) != 0) {
            throw new IllegalStateException("Xiaoe code " + root.path("code").asText() + ": " + root.path("msg").asText());
        }
        return root;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("exchange failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
