/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.port.Codec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Yima's XML transport as a codec (not API): a request is the form
 * {@code xml=<URL-encoded GBK document>&mac=<mac>} ({@link XmlEnvelope} adds the mac); an answer is
 * the same form or a bare XML body, decoded by the hardened {@link GbkXmlCodec}.
 */
final class XmlForm implements Codec {
    /** The document and the mac of an answer; the mac is {@code null} for a bare body. */
    record Parts(byte[] document, String mac) {}

    private final GbkXmlCodec xml;

    XmlForm(GbkXmlCodec xml) {
        this.xml = xml;
    }

    @Override
    public String contentType() {
        return "application/x-www-form-urlencoded;charset=GBK";
    }

    @Override
    public byte[] encode(Map<String, String> fields) {
        Map<String, String> document = new LinkedHashMap<>(fields);
        String mac = document.remove(YimaWire.FORM_MAC);
        String body = YimaWire.FORM_XML + "=" + URLEncoder.encode(xml.encodeText(document), Texts.GBK)
                + "&" + YimaWire.FORM_MAC + "=" + mac;
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Map<String, Object> decode(byte[] body) {
        return xml.decode(split(body).document());
    }

    /**
     * @param body an answer's body
     * @return its document and mac
     * @throws dev.complaintkit.error.ProviderException {@code INVALID_RESPONSE} when it is neither XML nor the form
     */
    static Parts split(byte[] body) {
        if (startsWithMarkup(body)) {
            return new Parts(body, null);
        }
        Map<String, String> form = form(new String(body, StandardCharsets.ISO_8859_1));
        String encoded = form.get(YimaWire.FORM_XML);
        if (encoded == null) {
            throw YimaWire.notEnvelope("the answer is neither XML nor the form xml=…&mac=…");
        }
        return new Parts(encoded.getBytes(StandardCharsets.ISO_8859_1), form.get(YimaWire.FORM_MAC));
    }

    /** Parses a form body to raw values: each value's percent-escapes become bytes kept 1:1 as ISO-8859-1 chars. */
    private static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.ISO_8859_1),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw YimaWire.notEnvelope("the answer's form encoding is broken");
            }
        }
        return out;
    }

    private static boolean startsWithMarkup(byte[] body) {
        for (byte b : body) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "XmlForm[GBK]";
    }
}
