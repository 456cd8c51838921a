/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.support.HttpAnswers;

/** Names and constants of Allinpay's wire protocol. */
public final class AllinpayWire {
    /** The provider id. */
    public static final String PROVIDER = "allinpay";
    /** The history endpoint, relative to the configured base URL. */
    public static final String HISTORY_PATH = "/riskfeeback/wxcomplainthistory";
    /** WeChat Pay's cap on a negotiation-history page. */
    public static final int MAX_LIMIT = 300;
    /** Allinpay's default page size. */
    public static final int DEFAULT_LIMIT = 100;

    static final String SUCCESS = "SUCCESS";
    static final String FAIL = "FAIL";

    private AllinpayWire() {}

    /**
     * @param what what is wrong with the answer
     * @return a non-retryable provider error with code {@link ProviderException#INVALID_RESPONSE}
     */
    static ProviderException invalid(String what) {
        return HttpAnswers.notEnvelope(PROVIDER, what);
    }
}
