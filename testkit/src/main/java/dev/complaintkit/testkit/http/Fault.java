/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

/**
 * A fault a simulator can be told to produce on the next request ({@link SimulatorServer#inject(Fault)}).
 * The generic faults work on every simulator; the provider-specific ones on simulators that list
 * them in {@link SimulatorServer#supportedFaults()}.
 */
public enum Fault {
    /** HTTP 408 with an HTML error page (a proxy that timed out the request). */
    HTTP_408(true, true),
    /** HTTP 500 with an HTML error page. */
    HTTP_500(true, true),
    /** HTTP 502 with an HTML error page (a gateway in front of the provider). */
    HTTP_502(true, true),
    /** HTTP 503 with an HTML error page. */
    HTTP_503(true, true),
    /** HTTP 429 with {@code Retry-After: 1}, the generic throttling answer. */
    HTTP_429(true, true),
    /** The provider's own throttling answer (e.g. Xiaoe 2053). Provider-specific. */
    THROTTLED(true, false),
    /** The connection is reset before any response; the request is not handled. */
    RESET_BEFORE_RESPONSE(true, true),
    /** The request is handled (a reply is taken), then the connection is reset before the answer. */
    RESET_AFTER_HANDLING(true, true),
    /** No response arrives: the connection is held past the client's time-out, then closed. */
    NO_RESPONSE(true, true),
    /** The request is handled, but the response body is cut short. */
    TRUNCATED_BODY(true, true),
    /** HTTP 200 whose body is neither JSON nor XML. */
    NOT_JSON_OR_XML(false, true),
    /** Allinpay: {@code records} is not valid Base64 (signed correctly). Provider-specific. */
    INVALID_RECORDS(false, false),
    /**
     * Signed values folded so the canonical {@code k=v&k=v} string, and with it the signature, is
     * unchanged: Allinpay's {@code records} folded into {@code randomstr}
     * ({@code randomstr=<r>&records=<b64>}, no {@code records} field); Yima's captured success with
     * {@code transaction_id} folded into {@code seller_account}. The request is not taken.
     * Provider-specific.
     */
    FOLDED_VALUES(false, false),
    /** Allinpay: the signed answer for another complaint, which echoes that complaint's id. Provider-specific. */
    REPLAYED_OTHER_COMPLAINT(false, false),
    /** Allinpay: the signed answer for another page ({@code records.offset} of another request). Provider-specific. */
    REPLAYED_OTHER_OFFSET(false, false),
    /** Allinpay: the signed answer given to another merchant (its {@code appid}/{@code cusid}). Provider-specific. */
    REPLAYED_OTHER_MERCHANT(false, false),
    /** The server ignored the page size: a page holds more rows than asked for (Allinpay: signed). Provider-specific. */
    OVERSIZED_PAGE(false, false),
    /** The response signature does not verify. Provider-specific. */
    BAD_SIGNATURE(false, false),
    /** The response signature is missing. Provider-specific. */
    MISSING_SIGNATURE(false, false),
    /** The response carries extra fields/nodes the client must ignore (still signed correctly). Provider-specific. */
    UNKNOWN_FIELDS(false, false),
    /**
     * A correctly signed success whose echoes belong to another request (another complaint id), as
     * a captured answer replayed. The request is not taken. Provider-specific.
     */
    REPLAYED_ANSWER(false, false),
    /** A bare, unsigned XML success ({@code <business_trans><result><id>0000</id></result></business_trans>}). Provider-specific. */
    BARE_UNSIGNED_ANSWER(false, false),
    /** The normal answer with a byte that is invalid in its declared charset (0xFF) inside an unsigned text. Provider-specific. */
    INVALID_CHARSET_BYTES(false, false),
    /** HTTP 200 with a 10 MB body. */
    HUGE_BODY(false, true),
    /** The normal response re-encoded in another charset (UTF-8 ↔ GBK) than the one it declares. */
    WRONG_CHARSET(false, true),
    /** Every scalar inside the answer's data (each row field, the total, a token) is the number {@code 1e-999999999}. Provider-specific. */
    TINY_EXPONENT_NUMBERS(false, false),
    /** An error answer whose message echoes the request's secret URL-encoded (and in Base64). Provider-specific. */
    SECRET_ECHOED_ENCODED(false, false);

    private final boolean transientFault;
    private final boolean generic;

    Fault(boolean transientFault, boolean generic) {
        this.transientFault = transientFault;
        this.generic = generic;
    }

    /** @return whether a client should recover by retrying (the fault does not repeat) */
    public boolean isTransient() {
        return transientFault;
    }

    /** @return whether every simulator supports it */
    public boolean isGeneric() {
        return generic;
    }
}
