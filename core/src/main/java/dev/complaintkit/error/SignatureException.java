/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

/** A response signature was missing or did not verify. The response was not used. */
public class SignatureException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final String providerId;

    /**
     * @param providerId the provider whose answer failed verification
     * @param message what was wrong with the signature
     */
    public SignatureException(String providerId, String message) {
        super("[" + providerId + "] " + message, null, false);
        this.providerId = providerId;
    }

    /** @return the provider whose answer failed verification */
    public String providerId() {
        return providerId;
    }
}
