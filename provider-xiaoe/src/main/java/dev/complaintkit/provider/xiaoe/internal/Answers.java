/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.support.HttpAnswers;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Reads Xiaoe's answer envelope ({@code {code, msg, data}}) and turns an error code into the error
 * model (Xiaoe's global return codes). HTTP statuses and {@code Retry-After} follow core's shared
 * rules ({@link HttpAnswers}); a body that is not the envelope is {@link ProviderException#INVALID_RESPONSE}.
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
     * Reads the envelope and its {@code data} in one pass over the body, in whatever order the fields come.
     *
     * @param response the HTTP answer
     * @param operation what was asked, for messages
     * @param window the rate window, for the back-off of a throttled answer
     * @param redact removes secrets from Xiaoe's message
     * @param dataReader reads {@code data}'s value
     * @param <T> what {@code data} becomes
     * @return the envelope; its code may be an error
     * @throws ComplaintException when the answer is not Xiaoe's envelope
     */
    static <T> Answer<T> read(HttpTransport.Response response, String operation, Duration window,
            UnaryOperator<String> redact, DataReader<T> dataReader) {
        Answer<T> raw = parse(response.body(), dataReader);
        boolean success = HttpAnswers.isSuccess(response.status());
        if (raw == null || raw.code == null) {
            if (!success) {
                throw HttpAnswers.statusError(PROVIDER, response, operation, nextWindow(window));
            }
            throw HttpAnswers.notEnvelope(PROVIDER, operation + ": the answer is not Xiaoe's JSON envelope (HTTP "
                    + response.status() + ", " + response.body().length + " bytes)");
        }
        Answer<T> answer = new Answer<>(raw.code, redact.apply(raw.msg), raw.data);
        if (!success && answer.ok()) {
            throw HttpAnswers.statusError(PROVIDER, response, operation, nextWindow(window));
        }
        return answer;
    }

    /** @return the envelope with its message not yet redacted, or {@code null} when the body is not a JSON object */
    private static <T> Answer<T> parse(byte[] body, DataReader<T> dataReader) {
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

    private static String configurationHint(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 100_000))) {
            case 2001 -> "app_id is missing; set xiaoe.app-id";
            case 2002 -> "app_id is not valid; check xiaoe.app-id and xiaoe.client-id";
            case 2003 -> "secret_key is missing; set xiaoe.secret-key";
            case 2004 -> "secret_key is wrong; check xiaoe.secret-key and xiaoe.client-id";
            case 2005 -> "grant_type is missing (please report this as a complaintkit bug)";
            case 2017 -> "the app has no permission for this API; grant it 投诉管理-查询 (complaints: query) in the Xiaoe console";
            case 2051 -> "this server's IP address is not on the app's IP whitelist; add it in the Xiaoe console";
            case 2052 -> "Xiaoe does not provide this API to the app; check xiaoe.endpoint and the app's API access";
            default -> null;
        };
    }
}
