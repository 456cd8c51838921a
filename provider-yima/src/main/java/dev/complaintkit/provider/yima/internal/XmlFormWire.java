/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.spi.ProviderContext;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Yima's GBK XML form (not API): the document {@code <business_trans>} in GBK, posted as
 * {@code xml=<URL-encoded document>&mac=<mac>}. The mac follows {@code yima.xml-mac-scheme}, never the
 * JSON {@code yima.sign-scheme}: by default {@code MD5_WRAPPED}, the upper-case hex MD5 of
 * secret + the GBK document bytes + secret; with {@code MD5_SORTED_KEY} the sorted field string.
 * Answers come in the same form (verified with their mac) or as a bare XML body (unsigned).
 */
final class XmlFormWire implements WireFormat {
    private static final String NO_MAC = " (no mac: a bare XML body or a form without mac)";

    private final URI endpoint;
    private final SignScheme scheme;
    private final Md5Signer mac;
    private final GbkXmlCodec xml;
    private final AnswerSignatures signatures;

    XmlFormWire(YimaConfig config) {
        this.endpoint = config.endpoint();
        this.scheme = config.xmlMacScheme();
        this.mac = new Md5Signer(scheme, config.secret(), Texts.GBK);
        // Jackson XML and StAX cost a cold JVM ~0.1-0.25 s to set up: only an XML client pays for them
        this.xml = GbkXmlCodec.forYima();
        this.signatures = new AnswerSignatures(config);
    }

    @Override
    public void checkText(String field, String value, List<Violation> violations) {
        Texts.unencodable(field, value, Texts.GBK, "(Yima's XML messages are GBK)").ifPresent(violations::add);
        OptionalInt nonXml = value == null ? OptionalInt.empty() : Texts.firstNonXml(value);
        if (nonXml.isPresent()) {
            violations.add(new Violation(field, "xml-character", "contains " + Texts.describe(nonXml.getAsInt())
                    + ", which an XML document cannot carry"));
        }
    }

    @Override
    public HttpTransport.Request request(Map<String, String> fields, ProviderContext context) {
        String document = xml.encodeText(fields);
        byte[] signed = scheme == SignScheme.MD5_WRAPPED ? JsonCodec.strictEncode(document, Texts.GBK)
                : Md5Signer.canonical(fields).getBytes(Texts.GBK);
        String body = YimaWire.FORM_XML + "=" + URLEncoder.encode(document, Texts.GBK)
                + "&" + YimaWire.FORM_MAC + "=" + mac.sign(signed);
        return new HttpTransport.Request("POST", endpoint,
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=GBK"),
                body.getBytes(StandardCharsets.US_ASCII), context.requestTimeout());
    }

    @Override
    public Map<String, Object> read(HttpTransport.Response response) {
        byte[] body = response.body();
        byte[] document;
        String given = null;
        if (startsWithMarkup(body)) {
            document = body;
        } else {
            Map<String, String> form = form(new String(body, StandardCharsets.ISO_8859_1));
            String encoded = form.get(YimaWire.FORM_XML);
            if (encoded == null) {
                throw YimaWire.notEnvelope("the answer is neither XML nor the form xml=…&mac=…");
            }
            document = encoded.getBytes(StandardCharsets.ISO_8859_1);
            given = form.get(YimaWire.FORM_MAC);
        }
        Map<String, Object> fields = xml.decode(document);
        if (given == null || given.isBlank()) {
            // a bare XML body (as Yima's published XML answer example) or a form without mac: nothing proves who wrote it
            signatures.unsigned(fields, NO_MAC);
            return fields;
        }
        // MD5_WRAPPED covers the document as received, every node of it; MD5_SORTED_KEY the sorted field string
        byte[] signed = scheme == SignScheme.MD5_WRAPPED ? document
                : Md5Signer.canonical(signatures.signedFields(fields)).getBytes(Texts.GBK);
        if (!mac.verify(signed, given)) {
            throw new SignatureException(YimaWire.PROVIDER, "the answer's mac does not verify (scheme "
                    + scheme + "); check yima.secret and yima.xml-mac-scheme");
        }
        return fields;
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
        return "XML, mac " + scheme;
    }
}
