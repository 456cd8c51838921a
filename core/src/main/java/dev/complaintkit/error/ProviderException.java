/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.Objects;

/** The provider answered with an error. Keeps the provider's own code and message. */
public class ProviderException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    /**
     * The code of a {@code ProviderException} raised by the library itself when an answer is not the
     * provider's envelope or breaks its own rules (a page longer than asked for, a page repeated).
     */
    public static final String INVALID_RESPONSE = "INVALID_RESPONSE";

    private final String providerId;
    private final String code;
    private final String providerMessage;

    /**
     * @param providerId the provider that answered
     * @param code the provider's error code as sent (e.g. {@code FAIL}, {@code 2017}, {@code 1001})
     * @param providerMessage the provider's message as sent
     * @param retryable whether the provider declared this transient
     */
    public ProviderException(String providerId, String code, String providerMessage, boolean retryable) {
        this(providerId, code, providerMessage, retryable, null);
    }

    /**
     * @param providerId the provider that answered
     * @param code the provider's error code as sent
     * @param providerMessage the provider's message as sent
     * @param retryable whether the provider declared this transient
     * @param cause an underlying failure (e.g. undecodable payload), or {@code null}
     */
    public ProviderException(String providerId, String code, String providerMessage, boolean retryable, Throwable cause) {
        super("[" + providerId + "] provider error " + code + ": " + providerMessage, cause, retryable);
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.code = Objects.requireNonNull(code, "code");
        this.providerMessage = providerMessage == null ? "" : providerMessage;
    }

    /** @return the provider that answered */
    public String providerId() {
        return providerId;
    }

    /** @return the provider's error code, exactly as sent */
    public String code() {
        return code;
    }

    /** @return the provider's error message, exactly as sent */
    public String providerMessage() {
        return providerMessage;
    }
}
