/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.support.Exchange;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Yima's JSON envelope (not API): the request carries {@code sign} over its sorted fields; an
 * answer's {@code sign} is verified over the fields {@link AnswerSignatures#signedFields} names, in
 * the answer's charset.
 */
final class JsonEnvelope extends YimaEnvelope {
    private final Charset charset;
    private final String key;

    JsonEnvelope(Charset charset, SignScheme scheme, AnswerSignatures signatures) {
        super(signatures);
        this.charset = charset;
        this.key = "yima.secret (yima.sign-scheme " + scheme + ")";
    }

    @Override
    public Map<String, String> signFields(Map<String, String> fields, Signer signer) {
        fields.put(YimaWire.F_SIGN, signer.sign(Md5Signer.canonical(fields).getBytes(charset)));
        return fields;
    }

    @Override
    public Exchange.Signature signature(Exchange.Answer answer) {
        Map<String, Object> fields = answer.fields();
        Object sign = fields.get(YimaWire.F_SIGN);
        if (sign == null || sign instanceof String s && s.isBlank()) {
            return signatures.unsigned(fields, "");
        }
        byte[] canonical = Md5Signer.canonical(signatures.signedFields(fields)).getBytes(charset);
        return Exchange.Signature.of(canonical, sign instanceof String s ? s : "", key);
    }
}
