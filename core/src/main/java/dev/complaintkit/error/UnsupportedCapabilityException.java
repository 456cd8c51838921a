/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

/** The provider does not offer the operation that was called. Never a silent no-op. */
public class UnsupportedCapabilityException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final String providerId;
    private final String operation;

    /**
     * @param providerId the provider asked
     * @param operation the operation it lacks, e.g. {@code reply}
     * @param offered what the provider does offer, for the message
     */
    public UnsupportedCapabilityException(String providerId, String operation, String offered) {
        this(providerId, operation, offered, null);
    }

    /**
     * @param providerId the provider asked
     * @param operation the operation it lacks
     * @param offered what it offers, for the message
     * @param reason why it lacks it (where the platform offers it instead), or {@code null}
     */
    public UnsupportedCapabilityException(String providerId, String operation, String offered, String reason) {
        super("Provider '" + providerId + "' does not support " + operation
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + "; it offers: " + offered, null, false);
        this.providerId = providerId;
        this.operation = operation;
    }

    /** @return the provider asked */
    public String providerId() {
        return providerId;
    }

    /** @return the operation it lacks */
    public String operation() {
        return operation;
    }
}
