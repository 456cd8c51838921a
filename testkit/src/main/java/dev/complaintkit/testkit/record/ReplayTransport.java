/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.record;

import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Serves the exchanges of a {@link Fixture} instead of sending anything: in recorded order (the
 * default), or by matching method, path and chosen request fields. Each recorded exchange is served
 * once. A request that does not match is a non-retryable {@link TransportException} saying which
 * recorded exchange was expected.
 *
 * <p>Recorded signatures are redacted, so a client that verifies responses needs them signed
 * again: {@link Builder#rewritingResponses(UnaryOperator)} takes a function (e.g. a simulator's
 * re-signer) applied to every response before it is served.
 */
public final class ReplayTransport implements HttpTransport {
    private final List<Fixture.Exchange> remaining;
    private final List<String> matchFields;
    private final UnaryOperator<Response> rewrite;
    private int served;

    private ReplayTransport(Fixture fixture, List<String> matchFields, UnaryOperator<Response> rewrite) {
        this.remaining = new ArrayList<>(fixture.exchanges());
        this.matchFields = matchFields;
        this.rewrite = rewrite;
    }

    /**
     * @param file a fixture file
     * @return a builder
     */
    public static Builder from(Path file) {
        return new Builder(Fixture.read(file));
    }

    /**
     * @param fixture a fixture
     * @return a builder
     */
    public static Builder from(Fixture fixture) {
        return new Builder(fixture);
    }

    /** Builds a {@link ReplayTransport}. */
    public static final class Builder {
        private final Fixture fixture;
        private List<String> matchFields;
        private UnaryOperator<Response> rewrite = UnaryOperator.identity();

        private Builder(Fixture fixture) {
            this.fixture = Objects.requireNonNull(fixture, "fixture");
        }

        /**
         * Serve by matching instead of in order: the first unused exchange with the same method, path
         * and values of these request fields (form, JSON or query fields) answers.
         *
         * @param fields the request fields to compare (none: method and path only)
         * @return this
         */
        public Builder matchingOn(String... fields) {
            this.matchFields = List.of(fields);
            return this;
        }

        /**
         * @param rewrite applied to every response before it is served (e.g. to sign it again)
         * @return this
         */
        public Builder rewritingResponses(UnaryOperator<Response> rewrite) {
            this.rewrite = Objects.requireNonNull(rewrite, "rewrite");
            return this;
        }

        /** @return the transport */
        public ReplayTransport build() {
            return new ReplayTransport(fixture, matchFields, rewrite);
        }
    }

    @Override
    public synchronized Response exchange(Request request) {
        int index = matchFields == null ? 0 : find(request);
        if (remaining.isEmpty() || index < 0) {
            throw new TransportException("Replay: no recorded exchange left for " + request + " (served " + served
                    + ", " + remaining.size() + " unused)", null, false);
        }
        Fixture.Exchange e = remaining.get(index);
        Fixture.Message recorded = e.request();
        if (!recorded.method().equalsIgnoreCase(request.method()) || !recorded.path().equals(request.uri().getRawPath())) {
            throw new TransportException("Replay: request #" + (served + 1) + " was " + request + " but the recording has "
                    + recorded.method() + " " + recorded.path() + " next", null, false);
        }
        remaining.remove(index);
        served++;
        Fixture.Message r = e.response();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (r.headers() != null) {
            r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        }
        return rewrite.apply(new Response(r.status(), headers, r.body() == null ? new byte[0] : r.body().bytes()));
    }

    private int find(Request request) {
        Map<String, String> actual = RequestFields.of(request.uri().getRawQuery(), request.body(), contentType(request.headers()));
        for (int i = 0; i < remaining.size(); i++) {
            Fixture.Message rec = remaining.get(i).request();
            if (!rec.method().equalsIgnoreCase(request.method()) || !rec.path().equals(request.uri().getRawPath())) {
                continue;
            }
            Map<String, String> recorded = RequestFields.of(rec.query(), rec.body() == null ? new byte[0] : rec.body().bytes(),
                    contentType(rec.headers() == null ? Map.of() : rec.headers()));
            if (matchFields.stream().allMatch(f -> Objects.equals(recorded.get(f), actual.get(f)))) {
                return i;
            }
        }
        return -1;
    }

    private static String contentType(Map<String, String> headers) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    /** @return how many exchanges were served */
    public synchronized int served() {
        return served;
    }

    /** @return how many recorded exchanges were not served yet */
    public synchronized int unused() {
        return remaining.size();
    }

    @Override
    public String toString() {
        return "ReplayTransport[served " + served + ", unused " + remaining.size() + "]";
    }

    /** Reads request fields from a query, a form body or a JSON object body. */
    static final class RequestFields {
        private RequestFields() {}

        static Map<String, String> of(String rawQuery, byte[] body, String contentType) {
            Map<String, String> out = new LinkedHashMap<>(
                    dev.complaintkit.testkit.http.RecordedRequest.parseForm(rawQuery, StandardCharsets.UTF_8));
            String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
            if (ct.contains("x-www-form-urlencoded")) {
                out.putAll(dev.complaintkit.testkit.http.RecordedRequest.parseForm(
                        new String(body, StandardCharsets.ISO_8859_1), Fixture.charsetOf(contentType)));
            } else if (ct.contains("json")) {
                try {
                    com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                    if (n != null && n.isObject()) {
                        n.properties().forEach(f -> out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
                    }
                } catch (java.io.IOException ignored) {
                    // not JSON after all: only query fields can match
                }
            }
            return out;
        }
    }
}
