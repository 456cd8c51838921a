/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.port.Codec;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import dev.complaintkit.support.HttpAnswers;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Xiaoe's protocol in core's shared pipeline ({@link Exchange}): its answer envelope
 * ({@code {code, msg, data}}, read in one streaming pass) and its error codes turned into the error
 * model (Xiaoe's global return codes). HTTP statuses, {@code Retry-After} and the body cap are core's;
 * a body that is not the envelope is {@link ProviderException#INVALID_RESPONSE}.
 */
final class Answers {
    static final String PROVIDER = "xiaoe";

    /**
     * Reads the value of an answer's {@code data} while the envelope is read.
     *
     * @param <T> what the data becomes
     */
    @FunctionalInterface
    interface DataReader<T> {
        /**
         * @param p a parser on the first token of {@code data}'s value, to be left on its last token
         * @return the data
         * @throws IOException when the JSON is malformed
         */
        T read(JsonParser p) throws IOException;
    }

    /**
     * An answer in Xiaoe's envelope (a class, not a record: its accessors stay package-private).
     *
     * @param <T> what its {@code data} was read into
     */
    static final class Answer<T> {
        private final String code;
        private final String msg;
        private final T data;

        Answer(String code, String msg, T data) {
            this.code = code;
            this.msg = msg;
            this.data = data;
        }

        String code() {
            return code;
        }

        String msg() {
            return msg;
        }

        /** @return the data; {@code null} when the answer had none (or JSON {@code null}) */
        T data() {
            return data;
        }

        OptionalLong numericCode() {
            try {
                return OptionalLong.of(Long.parseLong(code.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        boolean ok() {
            return numericCode().orElse(-1) == 0;
        }

        /** @return whether Xiaoe refused the access token: 2007 missing, 2008 expired or unknown */
        boolean tokenRefused() {
            long c = numericCode().orElse(-1);
            return c == 2007 || c == 2008;
        }

        @Override
        public String toString() {
            return "Answer[code=" + code + ", msg=" + msg + "]";
        }
    }

    private Answers() {}

    /**
     * The pipeline of one call: core's {@link Exchange} with Xiaoe's envelope and a codec that reads
     * {@code data} with {@code dataReader} in the same pass as the envelope. Answers are unsigned;
     * HTTP statuses and {@code Retry-After} follow core's shared rules (a 429 without
     * {@code Retry-After} waits into the next rate window).
     *
     * @param context transport and time-out
     * @param operation what is asked, for messages
     * @param window the rate window, for the back-off of a throttled answer
     * @param redact removes secrets from Xiaoe's message
     * @param dataReader reads {@code data}'s value
     * @param <T> what {@code data} becomes ({@link #data(Exchange.Answer)})
     * @return the pipeline
     */
    static <T> Exchange pipeline(ProviderContext context, String operation, Duration window, UnaryOperator<String> redact,
            DataReader<T> dataReader) {
        return Exchange.builder(PROVIDER, context).describedAs(operation).envelope(new Envelope(operation, window, redact))
                .codec(new EnvelopeCodec<>(operation, dataReader)).header("Accept", "application/json")
                .rateLimitFallback(nextWindow(window)).build();
    }

    /** A context for answers read without a call (its transport refuses to send). */
    private static final ProviderContext NO_SEND = new ProviderContext(request -> {
        throw new IllegalStateException("nothing is sent when reading a given answer");
    }, java.time.Clock.systemUTC(), ProviderContext.DEFAULT_TIMEOUT);

    /**
     * Reads an answer that arrived some other way exactly as a call does (the benchmarks measure this):
     * core's pipeline with Xiaoe's envelope.
     *
     * @param response the answer
     * @param operation what was asked, for messages
     * @param window the rate window
     * @param redact removes secrets from Xiaoe's message
     * @param dataReader reads {@code data}'s value
     * @param <T> what {@code data} becomes
     * @return the successful answer (code 0)
     * @throws ComplaintException what a call would throw for it
     */
    static <T> Answer<T> read(dev.complaintkit.port.HttpTransport.Response response, String operation, Duration window,
            UnaryOperator<String> redact, DataReader<T> dataReader) {
        Exchange.Answer a = pipeline(NO_SEND, operation, window, redact, dataReader).read(response, Map.of());
        return new Answer<>(a.text(F_CODE), a.text(F_MSG), data(a));
    }

    /**
     * @param answer an answer of a {@link #pipeline}
     * @param <T> what its data reader made
     * @return its {@code data}, {@code null} when absent or JSON {@code null}
     */
    @SuppressWarnings("unchecked")
    static <T> T data(Exchange.Answer answer) {
        return (T) answer.fields().get(F_DATA);
    }

    private static final String F_CODE = "code";
    private static final String F_MSG = "msg";
    private static final String F_DATA = "data";

    /** Xiaoe's JSON: a flat JSON object of strings out; the envelope in, {@code data} bound by the operation's reader. */
    private static final class EnvelopeCodec<T> implements Codec {
        private final String operation;
        private final DataReader<T> dataReader;

        EnvelopeCodec(String operation, DataReader<T> dataReader) {
            this.operation = operation;
            this.dataReader = dataReader;
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public byte[] encode(Map<String, String> fields) {
            ObjectNode body = Json.mapper().createObjectNode();
            fields.forEach(body::put);
            try {
                return Json.mapper().writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                // cannot happen for a tree of strings; never leak the token-bearing body
                throw new ComplaintException("[xiaoe] could not write the " + operation + " request body", null, false);
            }
        }

        /** @return {@code code}, {@code msg} (not yet redacted) and {@code data} when the body is Xiaoe's envelope */
        @Override
        public Map<String, Object> decode(byte[] body) {
            Answer<T> raw = parse(body, dataReader);
            if (raw == null) {
                throw notTheEnvelope(operation, body.length);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            if (raw.code != null) {
                fields.put(F_CODE, raw.code);
            }
            fields.put(F_MSG, raw.msg);
            fields.put(F_DATA, raw.data);
            return fields;
        }
    }

    private static ProviderException notTheEnvelope(String operation, int bytes) {
        return HttpAnswers.notEnvelope(PROVIDER, operation + ": the answer is not Xiaoe's JSON envelope ("
                + bytes + " bytes)");
    }

    /** Xiaoe's envelope {@code {code, msg, data}}: unsigned; code 0 is success, any other code an error. */
    private static final class Envelope implements Exchange.Envelope {
        private final String operation;
        private final Duration window;
        private final UnaryOperator<String> redact;

        Envelope(String operation, Duration window, UnaryOperator<String> redact) {
            this.operation = operation;
            this.window = window;
            this.redact = redact;
        }

        @Override
        public boolean carriesEnvelope(Exchange.Answer answer) {
            return answer.fields().get(F_CODE) instanceof String;
        }

        @Override
        public Exchange.Signature signature(Exchange.Answer answer) {
            return Exchange.Signature.unsigned();
        }

        @Override
        public ComplaintException error(Exchange.Answer answer) {
            if (!(answer.fields().get(F_CODE) instanceof String code)) {
                throw notTheEnvelope(operation, answer.response().body().length);
            }
            Answer<Object> a = new Answer<>(code, redact.apply(answer.text(F_MSG)), null);
            return a.ok() ? null : failure(a, operation, window);
        }
    }

    /** @return the envelope with its message not yet redacted, or {@code null} when the body is not a JSON object */
    static <T> Answer<T> parse(byte[] body, DataReader<T> dataReader) {
        try (JsonParser p = Json.mapper().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String code = null;
            String msg = null;
            T data = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "code" -> code = Scalars.text(Scalars.value(p));
                    case "msg" -> msg = Scalars.text(Scalars.value(p));
                    case "data" -> data = t == JsonToken.VALUE_NULL ? null : dataReader.read(p);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
            return new Answer<>(code, String.valueOf(msg), data);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or not complete: no envelope
        }
    }

    /** @param code an error's code @return whether it is Xiaoe's refusal of the access token (2007 missing, 2008 expired or unknown) */
    static boolean tokenRefused(String code) {
        return new Answer<>(code, "", null).tokenRefused();
    }

    /** @return a wait that lands in the next rate window: one window plus up to a tenth of it, at random */
    static Duration nextWindow(Duration window) {
        long ms = window.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(Math.max(1, ms / 10) + 1));
    }

    /**
     * @param a an answer whose code is not 0
     * @param operation what was asked, for messages
     * @param window the rate window
     * @return the error to throw
     */
    static ComplaintException failure(Answer<?> a, String operation, Duration window) {
        long c = a.numericCode().orElse(-1);
        String hint = configurationHint(c);
        if (hint != null) {
            return new ConfigurationException("[xiaoe] " + operation + " refused with Xiaoe code " + a.code() + " ("
                    + a.msg() + "): " + hint);
        }
        if (c == 2053 || c == 2054) {
            return new RateLimitedException(PROVIDER, a.code(), a.msg(), nextWindow(window));
        }
        return new ProviderException(PROVIDER, a.code(), a.msg(), c == 1001);
    }

    /**
     * What to fix for a code that is a configuration problem, or {@code null}. The 2001–2005 group is
     * "the credentials were refused" as a whole: Xiaoe's numbers inside it have shifted over time (an
     * older page answers a wrong secret with 2001), so no behaviour keys on the exact number; Xiaoe's own
     * message says which part.
     */
    private static String configurationHint(long code) {
        if (code >= 2001 && code <= 2005) {
            return "Xiaoe refused the app's credentials (app_id, client_id, secret_key or grant_type); check xiaoe.app-id, "
                    + "xiaoe.client-id and xiaoe.secret-key";
        }
        return switch ((int) Math.max(-1, Math.min(code, 100_000))) {
            case 2017 -> "the app has no permission for this API; grant it 投诉管理-查询 (complaints: query) in the Xiaoe console";
            case 2051 -> "this server's IP address is not on the app's IP whitelist: add this server's public (egress) IP "
                    + "address to the app's whitelist in the Xiaoe cloud console (云服务控制台), then retry";
            case 2052 -> "Xiaoe does not provide this API to the app; check xiaoe.endpoint and the app's API access";
            default -> null;
        };
    }
}
