/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.record;

import dev.complaintkit.port.HttpTransport;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Wraps a real {@link HttpTransport} and writes every exchange to a {@link Fixture} file, with
 * secrets and signatures redacted (see {@link Redactor}). The file is rewritten after each exchange,
 * so a session cut short still leaves a usable fixture.
 *
 * <pre>{@code
 * RecordingTransport recorder = RecordingTransport.to(Path.of("src/test/resources/allinpay-session.json"))
 *         .redacting(Redactor.defaults().withSecretValues(mySecretKey))
 *         .wrapping(JdkHttpTransport.shared());
 * ComplaintClient client = Complaints.builder().config(config).transport(recorder).build();
 * }</pre>
 */
public final class RecordingTransport implements HttpTransport {
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

    private final HttpTransport delegate;
    private final Path file;
    private final Redactor redactor;
    private final List<Fixture.Exchange> exchanges = new ArrayList<>();

    private RecordingTransport(HttpTransport delegate, Path file, Redactor redactor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.file = Objects.requireNonNull(file, "file");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * @param file the fixture file to write
     * @return a builder
     */
    public static Builder to(Path file) {
        return new Builder(file);
    }

    /** Builds a {@link RecordingTransport}. */
    public static final class Builder {
        private final Path file;
        private Redactor redactor = Redactor.defaults();

        private Builder(Path file) {
            this.file = file;
        }

        /**
         * @param redactor what to redact (default {@link Redactor#defaults()})
         * @return this
         */
        public Builder redacting(Redactor redactor) {
            this.redactor = redactor;
            return this;
        }

        /**
         * @param delegate the transport that really sends
         * @return the recording transport
         */
        public RecordingTransport wrapping(HttpTransport delegate) {
            return new RecordingTransport(delegate, file, redactor);
        }
    }

    @Override
    public Response exchange(Request request) {
        Response response = delegate.exchange(request);
        String requestType = request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst().orElse(null);
        String responseType = response.header("content-type").orElse(null);
        Fixture.Message req = new Fixture.Message(request.method(), request.uri().getRawPath(),
                redactor.query(request.uri().getRawQuery()), null, headers(request.headers()),
                body(request.body(), requestType));
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers().forEach((k, v) -> responseHeaders.put(k, String.join(",", v)));
        Fixture.Message resp = new Fixture.Message(null, null, null, response.status(), headers(responseHeaders),
                body(response.body(), responseType));
        synchronized (exchanges) {
            exchanges.add(new Fixture.Exchange(req, resp));
            new Fixture(Fixture.FORMAT, List.copyOf(exchanges)).write(file);
        }
        return response;
    }

    private Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? Redactor.REDACTED : v));
        return out;
    }

    private Fixture.Body body(byte[] bytes, String contentType) {
        if (bytes.length == 0) {
            return null;
        }
        Fixture.Body raw = Fixture.Body.of(bytes, contentType);
        if (raw.text() == null) {
            return raw; // binary: nothing we can redact by name
        }
        Charset cs = Charset.forName(raw.charset());
        return new Fixture.Body(raw.charset(), redactor.body(raw.text(), contentType, cs), null);
    }

    /** @return how many exchanges were recorded */
    public int recorded() {
        synchronized (exchanges) {
            return exchanges.size();
        }
    }

    @Override
    public String toString() {
        return "RecordingTransport[" + file + ", " + recorded() + " exchanges]";
    }
}
