/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.support.Exchange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Yima's XML form envelope (not API): the request's {@code mac} follows {@code yima.xml-mac-scheme}
 * (never the JSON scheme) — by default the MD5 of secret + the GBK document + secret, with
 * {@code MD5_SORTED_KEY} the sorted field string. An answer in the form is verified with its mac,
 * over the document as received ({@code MD5_WRAPPED}: every node of it) or its sorted fields; a bare
 * XML body or a form without mac is unsigned.
 */
final class XmlEnvelope extends YimaEnvelope {
    private static final String NO_MAC = " (no mac: a bare XML body or a form without mac)";

    private final SignScheme scheme;
    private final GbkXmlCodec xml;
    private final String key;

    XmlEnvelope(SignScheme scheme, GbkXmlCodec xml, AnswerSignatures signatures) {
        super(signatures);
        this.scheme = scheme;
        this.xml = xml;
        this.key = "yima.secret (yima.xml-mac-scheme " + scheme + ")";
    }

    /** @throws IllegalArgumentException when a value holds a character GBK cannot encode */
    @Override
    public Map<String, String> signFields(Map<String, String> fields, Signer signer) {
        byte[] signed = scheme == SignScheme.MD5_WRAPPED ? JsonCodec.strictEncode(xml.encodeText(fields), Texts.GBK)
                : Md5Signer.canonical(fields).getBytes(Texts.GBK);
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put(YimaWire.FORM_MAC, signer.sign(signed));
        return out;
    }

    @Override
    public Exchange.Signature signature(Exchange.Answer answer) {
        XmlForm.Parts parts = XmlForm.split(answer.response().body());
        if (parts.mac() == null || parts.mac().isBlank()) {
            return signatures.unsigned(answer.fields(), NO_MAC);
        }
        byte[] signed = scheme == SignScheme.MD5_WRAPPED ? parts.document()
                : Md5Signer.canonical(signatures.signedFields(answer.fields())).getBytes(Texts.GBK);
        return Exchange.Signature.of(signed, parts.mac(), key);
    }
}
