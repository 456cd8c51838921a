package dev.complaintkit.testkit.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulator does with one request: answer with a status, headers and body (after an
 * optional delay), or break the connection — before handling the request, or after handling it
 * (so its side effects happen but the client never sees the answer).
 */
public final class ScriptedResponse {

    /** How the exchange ends. */
    public enum Mode {
        /** Send the response. */
        RESPOND,
        /** Close the connection without handling the request. */
        DROP_BEFORE_HANDLING,
        /** Let the simulator handle the request (side effects happen), then close without answering. */
        DROP_AFTER_HANDLING,
        /** Let the simulator handle the request and answer, but cut the body short. */
        TRUNCATE_BODY
    }

    private final Mode mode;
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration delay;

    private ScriptedResponse(Mode mode, int status, Map<String, String> headers, byte[] body, Duration delay) {
        this.mode = mode;
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.delay = delay;
    }

    /**
     * @param status HTTP status
     * @param contentType the {@code Content-Type}
     * @param body the body
     * @return a response
     */
    public static ScriptedResponse of(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        return new ScriptedResponse(Mode.RESPOND, status, h, body.clone(), Duration.ZERO);
    }

    /** @param status HTTP status @param json UTF-8 JSON text @return a JSON response */
    public static ScriptedResponse json(int status, String json) {
        return of(status, "application/json;charset=UTF-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** @param status HTTP status @param text the body @param charset its charset @return a text response */
    public static ScriptedResponse text(int status, String text, Charset charset) {
        return of(status, "text/plain;charset=" + charset.name(), text.getBytes(charset));
    }

    /** @return close the connection without handling the request (a reset before any response) */
    public static ScriptedResponse dropConnection() {
        return new ScriptedResponse(Mode.DROP_BEFORE_HANDLING, 0, Map.of(), new byte[0], Duration.ZERO);
    }

    /** @return handle the request normally, then close the connection instead of answering */
    public static ScriptedResponse handleThenDrop() {
        return new ScriptedResponse(Mode.DROP_AFTER_HANDLING, 0, Map.of(), new byte[0], Duration.ZERO);
    }

    /** @return handle the request normally, then send only half of the body and close */
    public static ScriptedResponse truncateBody() {
        return new ScriptedResponse(Mode.TRUNCATE_BODY, 0, Map.of(), new byte[0], Duration.ZERO);
    }

    /** @param stall how long to hold the connection before closing it unanswered @return a stall */
    public static ScriptedResponse stall(Duration stall) {
        return new ScriptedResponse(Mode.DROP_BEFORE_HANDLING, 0, Map.of(), new byte[0], stall);
    }

    /** @param delay wait this long before acting @return a copy with the delay */
    public ScriptedResponse withDelay(Duration delay) {
        return new ScriptedResponse(mode, status, headers, body, Objects.requireNonNull(delay));
    }

    /** @param name header @param value value @return a copy with the header set */
    public ScriptedResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ScriptedResponse(mode, status, h, body, delay);
    }

    /** @return how the exchange ends */
    public Mode mode() {
        return mode;
    }

    /** @return the HTTP status (for {@link Mode#RESPOND}) */
    public int status() {
        return status;
    }

    /** @return the response headers */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return a copy of the body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the delay before acting */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return "ScriptedResponse[" + mode + (mode == Mode.RESPOND ? " " + status + ", " + body.length + " bytes" : "")
                + (delay.isZero() ? "" : ", delay " + delay.toMillis() + " ms") + "]";
    }
}
