/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * What a WeChat Pay error answer said: the HTTP status, {@code code}, {@code message}, {@code detail}
 * (as compact JSON, when sent) and the {@code Request-ID} header (when sent).
 *
 * @param status the HTTP status
 * @param code the {@code code} as sent, or {@code HTTP_<status>} when the body had none
 * @param message the {@code message} as sent, or a description of the body when it had none
 * @param detail the {@code detail} member as compact JSON, or {@code null}
 * @param requestId the {@code Request-ID} header, or {@code null}
 */
public record ErrorBody(int status, String code, String message, String detail, String requestId) {
    public ErrorBody {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    /** @return the {@code detail} member as compact JSON, when sent */
    public Optional<String> detailJson() {
        return Optional.ofNullable(detail);
    }

    /** @return the {@code Request-ID} header, when sent */
    public Optional<String> requestIdHeader() {
        return Optional.ofNullable(requestId);
    }

    /** @return {@code (HTTP 400, Request-ID …)} for an exception message */
    String suffix() {
        return " (HTTP " + status + (requestId == null ? "" : ", Request-ID " + WechatPayWire.printable(requestId)) + ")";
    }
}
