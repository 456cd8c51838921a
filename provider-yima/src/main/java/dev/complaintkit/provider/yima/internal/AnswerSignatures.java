/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.SignatureException;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.support.Exchange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What both wire formats apply to an answer's signature (not API): which fields a sorted-field
 * signature covers, and what an unsigned answer is worth under {@code yima.response-signature}.
 */
final class AnswerSignatures {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.yima");

    private final boolean signResult;
    private final boolean flattenDetail;
    private final ResponseSignature policy;

    AnswerSignatures(YimaConfig config) {
        this.signResult = config.signResult();
        this.flattenDetail = config.detailSignature() == YimaConfig.NestedSignature.FLATTENED;
        this.policy = config.responseSignature();
    }

    /**
     * The fields a sorted-field signature of an answer covers: the top-level scalar fields, with
     * {@code yima.sign-result} also {@code result.id} and {@code result.comment}, and with
     * {@code yima.detail-signature=flattened} every scalar of {@code detail} under its path. Refuses what would make
     * the {@code k=v&k=v} string ambiguous, so that no other answer signs alike: a name holding '&' or
     * '=', a value holding '&', a '=' in a field whose format has none (every field but the free-text
     * comment and nodes this client does not know), and — with {@code yima.sign-result} — a top-level
     * field named like a flattened one.
     *
     * @param fields the decoded answer
     * @return the signed fields, by name
     * @throws SignatureException when the signed string would be ambiguous
     */
    Map<String, String> signedFields(Map<String, Object> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, s);
            }
        });
        if (signResult) {
            for (String name : YimaWire.FLATTENED_RESULT) {
                if (out.containsKey(name)) {
                    throw ambiguous("carries a top-level field named " + name + ", like a flattened result field");
                }
            }
            if (fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result) {
                putIfText(out, YimaWire.F_RESULT + "." + YimaWire.F_RESULT_ID, result.get(YimaWire.F_RESULT_ID));
                putIfText(out, YimaWire.F_RESULT + "." + YimaWire.F_RESULT_COMMENT, result.get(YimaWire.F_RESULT_COMMENT));
            }
        }
        if (flattenDetail && fields.get(YimaWire.F_DETAIL) instanceof Map<?, ?> detail) {
            flatten(out, YimaWire.F_DETAIL, detail);
        }
        out.forEach((k, v) -> {
            if (k.indexOf('&') >= 0 || k.indexOf('=') >= 0) {
                throw ambiguous("has a signed field whose name holds '&' or '='");
            }
            if (v.indexOf('&') >= 0) {
                throw ambiguous("holds '&' in its signed field " + k);
            }
            if (v.indexOf('=') >= 0 && YimaWire.NO_EQUALS.contains(k)) {
                throw ambiguous("holds '=' in its signed field " + k + ", whose format has none");
            }
        });
        return out;
    }

    /**
     * An answer without a signature: used with a WARNING under {@code warn}; under {@code require} a
     * success is refused, an error reported as the error it is (trusting it cannot accept a reply).
     *
     * @param fields the decoded answer
     * @param detail what was missing, in the wire format's words (may be empty)
     * @return {@link Exchange.Signature#missing} for an unsigned success under {@code require}, else unsigned
     */
    Exchange.Signature unsigned(Map<String, Object> fields, String detail) {
        if (policy == ResponseSignature.WARN) {
            LOG.log(System.Logger.Level.WARNING, "[yima] using an answer that carries no sign" + detail + ", because "
                    + "yima.response-signature=warn; it could have been altered on the way");
            return Exchange.Signature.unsigned();
        }
        if (YimaWire.SUCCESS.equals(YimaWire.resultId(fields))) {
            return Exchange.Signature.missing("the answer carries no sign" + detail
                    + "; refusing an unsigned success (set yima.response-signature=warn only if your gateway never "
                    + "signs answers)");
        }
        LOG.log(System.Logger.Level.DEBUG, "[yima] the error answer carries no sign");
        return Exchange.Signature.unsigned();
    }

    /** Adds every scalar under {@code node} by its path ({@code a.b}, {@code a[0].b}); a path already present is ambiguous. */
    private static void flatten(Map<String, String> out, String path, Object node) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(out, path + "." + k, v));
        } else if (node instanceof java.util.List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(out, path + "[" + i + "]", l.get(i));
            }
        } else if (node instanceof String s) {
            if (out.putIfAbsent(path, s) != null) {
                throw ambiguous("carries two signed fields named " + path);
            }
        }
    }

    private static void putIfText(Map<String, String> out, String name, Object value) {
        if (value instanceof String s) {
            out.put(name, s);
        }
    }

    private static SignatureException ambiguous(String what) {
        return new SignatureException(YimaWire.PROVIDER, "the answer " + what + ": its signed string k=v&k=v "
                + "would also be another answer's, so the signature cannot bind it; refused");
    }
}
