/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulator does with one request: answer with a status, headers and body (after an
 * optional delay), possibly with a {@link SocketEffect} applied to the exchange — or only an effect,
 * the answer then being the {@link Dispatcher}'s (reset before handling the request, reset after
 * handling it so its side effects happen but the client never sees the answer, cut the body short).
 */
public final class ScriptedResponse {

    /** How the exchange ends, in the terms of the effect applied ({@link #effect()}). */
    public enum Mode {
        /** Send the response (possibly late: {@link SocketEffect.Delay}). */
        RESPOND,
        /** Close the connection without handling the request ({@link SocketEffect.ResetBeforeResponse}, {@link SocketEffect.Stall}). */
        DROP_BEFORE_HANDLING,
        /** Let the simulator handle the request (side effects happen), then close without answering. */
        DROP_AFTER_HANDLING,
        /** Let the simulator handle the request and answer, but cut the body short. */
        TRUNCATE_BODY
    }

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration delay;
    private final SocketEffect effect;
    private final boolean hasAnswer;

    private ScriptedResponse(int status, Map<String, String> headers, byte[] body, Duration delay, SocketEffect effect,
            boolean hasAnswer) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.delay = delay;
        this.effect = effect;
        this.hasAnswer = hasAnswer;
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
        return new ScriptedResponse(status, h, body.clone(), Duration.ZERO, null, true);
    }

    /**
     * @param effect what happens to the exchange; the answer, when the effect lets one be made, is the dispatcher's
     * @return a script of only that effect
     */
    public static ScriptedResponse of(SocketEffect effect) {
        return new ScriptedResponse(0, Map.of(), new byte[0], Duration.ZERO, Objects.requireNonNull(effect, "effect"), false);
    }

    /**
     * @param status HTTP status
     * @param json UTF-8 JSON text
     * @return a JSON response
     */
    public static ScriptedResponse json(int status, String json) {
        return of(status, "application/json;charset=UTF-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status HTTP status
     * @param text the body
     * @param charset its charset
     * @return a text response
     */
    public static ScriptedResponse text(int status, String text, Charset charset) {
        return of(status, "text/plain;charset=" + charset.name(), text.getBytes(charset));
    }

    /** @return close the connection without handling the request (a reset before any response): {@link SocketEffect.ResetBeforeResponse} */
    public static ScriptedResponse dropConnection() {
        return of(new SocketEffect.ResetBeforeResponse());
    }

    /** @return handle the request normally, then close the connection instead of answering: {@link SocketEffect.ResetAfterHandling} */
    public static ScriptedResponse handleThenDrop() {
        return of(new SocketEffect.ResetAfterHandling());
    }

    /** @return handle the request normally, then send only half of the body and close: {@link SocketEffect.TruncateBody} of 50 % */
    public static ScriptedResponse truncateBody() {
        return of(new SocketEffect.TruncateBody(50));
    }

    /**
     * @param stall how long to hold the connection before closing it unanswered
     * @return a {@link SocketEffect.Stall}
     */
    public static ScriptedResponse stall(Duration stall) {
        return of(new SocketEffect.Stall(stall));
    }

    /**
     * @param delay wait this long before acting (before the request is handled)
     * @return a copy with the delay
     */
    public ScriptedResponse withDelay(Duration delay) {
        return new ScriptedResponse(status, headers, body, Objects.requireNonNull(delay), effect, hasAnswer);
    }

    /**
     * @param name header
     * @param value value
     * @return a copy with the header set
     */
    public ScriptedResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ScriptedResponse(status, h, body, delay, effect, hasAnswer);
    }

    /**
     * @param effect what the server does to the exchange when it sends this answer (e.g. a
     *     {@link SocketEffect.TruncateBody} of this body)
     * @return a copy with the effect
     */
    public ScriptedResponse withEffect(SocketEffect effect) {
        return new ScriptedResponse(status, headers, body, delay, Objects.requireNonNull(effect, "effect"), hasAnswer);
    }

    /** @return how the exchange ends */
    public Mode mode() {
        if (effect instanceof SocketEffect.ResetBeforeResponse || effect instanceof SocketEffect.Stall) {
            return Mode.DROP_BEFORE_HANDLING;
        }
        if (effect instanceof SocketEffect.ResetAfterHandling) {
            return Mode.DROP_AFTER_HANDLING;
        }
        if (effect instanceof SocketEffect.TruncateBody) {
            return Mode.TRUNCATE_BODY;
        }
        return Mode.RESPOND;
    }

    /** @return the effect applied to the exchange, if any */
    public Optional<SocketEffect> effect() {
        return Optional.ofNullable(effect);
    }

    /** @return whether this carries its own status, headers and body (false for an effect alone: the dispatcher answers) */
    public boolean hasAnswer() {
        return hasAnswer;
    }

    /** @return the HTTP status (0 without an answer of its own) */
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
        return "ScriptedResponse[" + (hasAnswer ? status + ", " + body.length + " bytes" : "dispatcher's answer")
                + (effect == null ? "" : ", " + effect)
                + (delay.isZero() ? "" : ", delay " + delay.toMillis() + " ms") + "]";
    }
}
