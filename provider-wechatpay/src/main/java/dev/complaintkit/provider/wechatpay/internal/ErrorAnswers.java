/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a WeChat Pay error answer (any non-2xx) into an exception: the body
 * {@code {"code":…,"message":…,"detail":{…}}} is read defensively (an HTML gateway page or an empty
 * body is no failure of its own), the {@code Request-ID} kept. Retries are decided on the HTTP status,
 * not the code: 429 is a {@link WechatPayRateLimitedException}, 5xx a retryable
 * {@link WechatPayProviderException}, anything else a non-retryable one.
 *
 * <p>Whether the answer's signature must be checked first (WeChat Pay signs 4xx business errors, but
 * not a 401 {@code SIGN_ERROR}) is the caller's decision; this class reads what it is given.
 */
public final class ErrorAnswers {
    private ErrorAnswers() {}

    /**
     * @param status the HTTP status, not 2xx
     * @param headers looks a header up by name (any case), e.g. {@code response::header}
     * @param body the raw body
     * @return the error to throw
     */
    public static ProviderException toException(int status, Function<String, Optional<String>> headers, byte[] body) {
        ErrorBody error = read(status, headers, body);
        if (status == 429) {
            return new WechatPayRateLimitedException(error, retryAfter(headers));
        }
        return new WechatPayProviderException(error);
    }

    /**
     * @param status the HTTP status
     * @param headers looks a header up by name (any case)
     * @param body the raw body
     * @return what the answer said
     */
    public static ErrorBody read(int status, Function<String, Optional<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        String requestId = header(headers, WechatPayWire.HEADER_REQUEST_ID);
        byte[] b = body == null ? new byte[0] : body;
        JsonNode root = null;
        if (b.length > 0) {
            try {
                root = Json.mapper().readTree(b);
            } catch (IOException e) {
                root = null;
            }
        }
        String code = root != null && root.path("code").isValueNode() ? root.path("code").asText() : null;
        if (code == null || code.isBlank()) {
            return new ErrorBody(status, "HTTP_" + status, "WeChat Pay answered HTTP " + status + " without an error body ("
                    + header(headers, "Content-Type", "no content type") + ", " + b.length + " bytes)", null, requestId);
        }
        JsonNode message = root.path("message");
        JsonNode detail = root.get("detail");
        String detailJson = detail == null || detail.isNull() || detail.isMissingNode() ? null : detail.toString();
        return new ErrorBody(status, code, message.isValueNode() ? message.asText() : "", detailJson, requestId);
    }

    private static Duration retryAfter(Function<String, Optional<String>> headers) {
        String v = header(headers, "Retry-After");
        if (v == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(v.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String header(Function<String, Optional<String>> headers, String name) {
        Optional<String> v = headers.apply(name);
        return v == null ? null : v.orElse(null);
    }

    private static String header(Function<String, Optional<String>> headers, String name, String otherwise) {
        String v = header(headers, name);
        return v == null ? otherwise : WechatPayWire.printable(v);
    }
}
