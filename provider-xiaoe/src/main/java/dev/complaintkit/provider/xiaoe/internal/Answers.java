package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.port.HttpTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Reads Xiaoe's answer envelope ({@code {code, msg, data}}) and turns an error code into the error
 * model (Xiaoe's global return codes, see PROTOCOLS §3).
 */
final class Answers {
    static final String PROVIDER = "xiaoe";
    /** The code used when the answer could not be read. */
    static final String BAD_RESPONSE = "BAD_RESPONSE";
    /** The longest wait a throttling answer's {@code Retry-After} is believed (more is cut to it): an hour. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

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
        int status = response.status();
        boolean success = status >= 200 && status < 300;
        if (raw == null || raw.code == null) {
            if (!success) {
                throw httpError(response, operation, window);
            }
            throw new ProviderException(PROVIDER, BAD_RESPONSE, operation + ": the answer is not Xiaoe's JSON envelope (HTTP "
                    + status + ", " + response.body().length + " bytes)", false);
        }
        Answer<T> answer = new Answer<>(raw.code, redact.apply(raw.msg), raw.data);
        if (!success && answer.ok()) {
            throw httpError(response, operation, window);
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

    private static ComplaintException httpError(HttpTransport.Response response, String operation, Duration window) {
        int status = response.status();
        String what = operation + " answered HTTP " + status + " without Xiaoe's envelope";
        if (status == 429) {
            Duration after = response.header("Retry-After").map(Answers::seconds).orElse(null);
            return new RateLimitedException(PROVIDER, "HTTP_429", what, after != null ? after : nextWindow(window));
        }
        return new ProviderException(PROVIDER, "HTTP_" + status, what, status >= 500 || status == 408);
    }

    /**
     * @param text a {@code Retry-After} header's value
     * @return its seconds, at most {@link #MAX_RETRY_AFTER}; {@code null} when it is not a whole number
     *     of seconds (an HTTP date, or nothing)
     */
    static Duration seconds(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 30 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.min(Long.parseLong(t), MAX_RETRY_AFTER.toSeconds()));
        } catch (NumberFormatException e) {
            return MAX_RETRY_AFTER; // more digits than a long holds: as long as it may be
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
