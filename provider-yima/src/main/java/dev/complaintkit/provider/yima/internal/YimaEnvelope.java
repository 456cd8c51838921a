/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.support.Exchange;
import java.util.Map;

/**
 * What both of Yima's wire formats share in core's pipeline (not API): an answer is Yima's when it
 * carries a {@code result}, whatever its HTTP status; {@code result.id} {@code 0000} is success, any
 * other id a provider error carrying id and comment; the echoes of the request must match it. The
 * formats add where the signature is carried and what it covers.
 */
abstract class YimaEnvelope implements Exchange.Envelope {
    protected final AnswerSignatures signatures;

    YimaEnvelope(AnswerSignatures signatures) {
        this.signatures = signatures;
    }

    /** A non-2xx answer carrying a {@code result} is read as Yima's answer; without one it is the shared status error. */
    @Override
    public boolean carriesEnvelope(Exchange.Answer answer) {
        return answer.fields().get(YimaWire.F_RESULT) instanceof Map<?, ?>;
    }

    @Override
    public ComplaintException error(Exchange.Answer answer) {
        Map<String, Object> fields = answer.fields();
        if (!(fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result)) {
            throw YimaWire.notEnvelope("the answer carries no result");
        }
        String id = YimaWire.text(result.get(YimaWire.F_RESULT_ID));
        String comment = result.get(YimaWire.F_RESULT_COMMENT) instanceof String c ? c : "";
        if (id.isEmpty()) {
            throw YimaWire.notEnvelope("the answer carries no result.id");
        }
        boolean success = YimaWire.SUCCESS.equals(id);
        String requestType = answer.sent().getOrDefault(YimaWire.F_REQUEST_TYPE, "");
        for (String name : YimaWire.ECHOES) {
            String expected = name.equals(YimaWire.F_RESPONSE_TYPE) ? YimaWire.responseTypeOf(requestType)
                    : answer.sent().get(name);
            bindEcho(fields, name, expected, success, requestType);
        }
        return success ? null : new ProviderException(YimaWire.PROVIDER, id, comment, false);
    }

    /**
     * An echo present in the answer must equal what was sent; a success must carry every echo the
     * protocol always sends, so that it cannot be an answer to another request.
     */
    private static void bindEcho(Map<String, Object> fields, String name, String expected, boolean success,
            String requestType) {
        String echoed = YimaWire.text(fields.get(name));
        if (echoed.isEmpty()) {
            if (success) {
                throw YimaWire.notEnvelope("the success answer carries no usable " + name + " (the protocol always "
                        + "echoes it), so it cannot be bound to this request; refused");
            }
            return;
        }
        if (echoed.equals(expected)) {
            return;
        }
        if (name.equals(YimaWire.F_RESPONSE_TYPE)) {
            throw YimaWire.notEnvelope("the answer is a '" + echoed + "', not a " + expected + "; check yima.endpoint");
        }
        if (name.equals(YimaWire.F_COMPLAINT_ID)) {
            throw YimaWire.notEnvelope("the answer is for complaint_id " + echoed + ", not " + expected
                    + (YimaWire.REQUEST_TYPE.equals(requestType) ? " (a transaction_id reused for another reply is "
                    + "answered with the first reply's outcome; this reply was not made)" : ""));
        }
        if (name.equals(YimaWire.F_TRANSACTION_ID)) {
            throw YimaWire.notEnvelope("the answer is for transaction_id " + echoed + ", not " + expected);
        }
        throw YimaWire.notEnvelope("the answer's " + name + " is not the one sent (yima." + name.replace('_', '-') + ")");
    }
}
