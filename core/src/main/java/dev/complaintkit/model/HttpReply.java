/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP answer a provider expects to a notification delivery (WeChat Pay: a 2xx, or a 4xx/5xx
 * with a JSON body; Allinpay: the text {@code success}). A web framework writes it out as is.
 *
 * @param status the HTTP status
 * @param headers headers to send (e.g. {@code Content-Type})
 * @param body the body
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {
    public HttpReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /**
     * @param status the status
     * @param contentType the content type
     * @param body the body text, sent as UTF-8
     * @return the reply
     */
    public static HttpReply text(int status, String contentType, String body) {
        return new HttpReply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return whether the status is 2xx */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpReply r && r.status == status && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpReply[" + status + ", " + bodyText() + "]";
    }
}
