/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.HashMap;
import java.util.Map;

/**
 * What happened in a negotiation-history row (WeChat Pay's {@code operate_type}). The constant
 * names are WeChat's, including its own misspellings ({@code USER_COMFIRM_COMPLAINT},
 * {@code MERCHANT_REFUSE_RERUND}). A value this version does not know maps to {@link #UNKNOWN};
 * the raw string is kept on the entry.
 */
public enum OperationType {
    USER_CREATE_COMPLAINT,
    USER_CONTINUE_COMPLAINT,
    USER_RESPONSE,
    PLATFORM_RESPONSE,
    MERCHANT_RESPONSE,
    MERCHANT_CONFIRM_COMPLETE,
    COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE,
    USER_CREATE_COMPLAINT_SYSTEM_MESSAGE,
    COMPLAINT_FULL_REFUNDED_SYSTEM_MESSAGE,
    USER_CONTINUE_COMPLAINT_SYSTEM_MESSAGE,
    COMPLAINT_REFUND_RECEIVED_SYSTEM_MESSAGE,
    USER_REVOKE_COMPLAINT,
    USER_COMFIRM_COMPLAINT,
    PLATFORM_HELP_APPLICATION,
    USER_APPLY_PLATFORM_HELP,
    MERCHANT_APPROVE_REFUND,
    MERCHANT_REFUSE_RERUND,
    USER_SUBMIT_SATISFACTION,
    SERVICE_ORDER_CANCEL,
    SERVICE_ORDER_COMPLETE,
    COMPLAINT_ENTRUSTED_REFUND_SYSTEM_MESSAGE,
    USER_APPLY_PLATFORM_SERVICE,
    USER_CANCEL_PLATFORM_SERVICE,
    PLATFORM_SERVICE_FINISHED,
    USER_CLICK_RESPONSE,
    /** A value this version does not know. */
    UNKNOWN;

    private static final Map<String, OperationType> BY_NAME = new HashMap<>();

    static {
        for (OperationType t : values()) {
            if (t != UNKNOWN) {
                BY_NAME.put(t.name(), t);
            }
        }
    }

    /**
     * @param raw the provider's value, possibly {@code null}
     * @return the matching constant, or {@link #UNKNOWN}
     */
    public static OperationType fromWire(String raw) {
        return raw == null ? UNKNOWN : BY_NAME.getOrDefault(raw, UNKNOWN);
    }
}
