/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.ProviderException;
import java.util.Objects;

/**
 * WeChat Pay answered with an error: a {@link ProviderException} with WeChat Pay's {@code code} and
 * {@code message}, plus the HTTP status, {@code detail} and {@code Request-ID} in {@link #error()}.
 * Retryable for 5xx.
 */
public class WechatPayProviderException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorBody error;

    /** @param error what the answer said */
    public WechatPayProviderException(ErrorBody error) {
        super(WechatPayWire.PROVIDER, error.code(), error.message(), error.status() >= 500);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** @return the status, code, message, detail and Request-ID of the answer */
    public ErrorBody error() {
        return error;
    }

    /** @return the provider error, then the HTTP status and {@code Request-ID} */
    @Override
    public String getMessage() {
        return super.getMessage() + error.suffix();
    }
}
