/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.support.HttpAnswers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names and fixed values of Yima's {@code risk_complaints_resp} messages (not API). */
public final class YimaWire {
    private YimaWire() {}

    /** The provider id, for errors. */
    public static final String PROVIDER = "yima";

    /** The request type. */
    public static final String REQUEST_TYPE = "risk_complaints_resp_request";
    /** The answer type. */
    public static final String RESPONSE_TYPE = "risk_complaints_resp_response";
    /** The gateway, as the shared pipeline names it in messages. */
    public static final String WHAT = "the Yima gateway";
    /** {@code result.id} of an accepted reply. */
    public static final String SUCCESS = "0000";
    /** The XML root element. */
    public static final String ROOT = "business_trans";

    public static final String F_REQUEST_TYPE = "request_type";
    public static final String F_RESPONSE_TYPE = "response_type";
    public static final String F_ISSPID = "isspid";
    public static final String F_TRANSACTION_ID = "transaction_id";
    public static final String F_SYSTEM_ID = "system_id";
    public static final String F_SELLER_ACCOUNT = "seller_account";
    public static final String F_COMPLAINT_ID = "complaint_id";
    public static final String F_RESPONSE_CONTENT = "response_content";
    public static final String F_RESPONSE_IMAGES = "response_images";
    public static final String F_JUMP_URL = "jump_url";
    public static final String F_JUMP_URL_TEXT = "jump_url_text";
    public static final String F_SIGN = "sign";
    public static final String F_RESULT = "result";
    public static final String F_DETAIL = "detail";
    public static final String F_RESULT_ID = "id";
    public static final String F_RESULT_COMMENT = "comment";

    /** The XML form fields. */
    public static final String FORM_XML = "xml";
    public static final String FORM_MAC = "mac";

    /** Request fields in the order Yima's document lists them. */
    public static final List<String> REQUEST_ORDER = List.of(F_REQUEST_TYPE, F_ISSPID, F_TRANSACTION_ID, F_SYSTEM_ID,
            F_SELLER_ACCOUNT, F_COMPLAINT_ID, F_RESPONSE_CONTENT, F_RESPONSE_IMAGES, F_JUMP_URL, F_JUMP_URL_TEXT);

    /** The fields an answer echoes from the request (with the fixed {@code response_type}), all always sent. */
    public static final List<String> ECHOES = List.of(F_RESPONSE_TYPE, F_ISSPID, F_TRANSACTION_ID, F_SELLER_ACCOUNT,
            F_COMPLAINT_ID);
    /** The names {@code result}'s fields are signed under when answer signatures cover them. */
    public static final List<String> FLATTENED_RESULT = List.of(F_RESULT + "." + F_RESULT_ID,
            F_RESULT + "." + F_RESULT_COMMENT);
    /** Signed answer fields whose format has no '=' (identifiers and codes). */
    public static final Set<String> NO_EQUALS = Set.of(F_RESPONSE_TYPE, F_ISSPID, F_TRANSACTION_ID,
            F_SELLER_ACCOUNT, F_COMPLAINT_ID, F_RESULT + "." + F_RESULT_ID);

    /** Separator of {@code response_images}. */
    public static final String IMAGE_SEPARATOR = "|";
    /** Longest {@code transaction_id}. */
    public static final int MAX_TRANSACTION_ID = 32;
    /** Longest {@code complaint_id}. */
    public static final int MAX_COMPLAINT_ID = 64;

    /**
     * @param what what is wrong with the answer (never a secret)
     * @return the error for an answer that is not Yima's answer to this reply: {@code INVALID_RESPONSE}, not retried
     */
    public static ProviderException notEnvelope(String what) {
        return HttpAnswers.notEnvelope(PROVIDER, what);
    }

    /**
     * @param requestType a request's {@code request_type}, e.g. {@code risk_complaints_resp_request}
     * @return the {@code response_type} its answer carries: {@code _request} replaced by {@code _response}
     */
    public static String responseTypeOf(String requestType) {
        return requestType.endsWith("_request")
                ? requestType.substring(0, requestType.length() - "_request".length()) + "_response" : requestType;
    }

    /** @param fields a decoded answer @return its {@code result.id}, trimmed, or empty */
    public static String resultId(Map<String, Object> fields) {
        return fields.get(F_RESULT) instanceof Map<?, ?> result ? text(result.get(F_RESULT_ID)) : "";
    }

    /** @param o a decoded value @return it trimmed when it is text, else empty */
    public static String text(Object o) {
        return o instanceof String s ? s.trim() : "";
    }
}
