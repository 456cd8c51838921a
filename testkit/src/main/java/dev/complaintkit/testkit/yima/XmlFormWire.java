/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import dev.complaintkit.testkit.http.ScriptedResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The XML form: {@code xml=<URL-encoded GBK XML>&mac=…}, answered in the same form (or as bare GBK
 * XML without a mac, {@link YimaSimulator.XmlAnswer#BARE}).
 */
final class XmlFormWire implements WireFormat {
    private final YimaWire.Signing signing;
    private final YimaSimulator.Scheme macScheme;

    XmlFormWire(YimaWire.Signing signing, YimaSimulator.Scheme macScheme) {
        this.macScheme = macScheme;
        this.signing = signing;
    }

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public YimaWire.Parsed parse(String contentType, byte[] body) {
        Map<String, byte[]> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                byte[] value = YimaWire.percentDecode(pair.substring(eq + 1));
                if (value == null) {
                    return problem(Map.of(), "the form encoding is broken", false);
                }
                form.putIfAbsent(pair.substring(0, eq), value);
            }
        }
        byte[] document = form.get("xml");
        if (document == null) {
            return problem(Map.of(), "the form has no xml field", false);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean cdata = false;
        try {
            Document doc = YimaWire.domBuilder().parse(new ByteArrayInputStream(document));
            Element root = doc.getDocumentElement();
            if (!"business_trans".equals(root.getTagName())) {
                return problem(Map.of(), "the root element is <" + root.getTagName() + ">", false);
            }
            if (!"GBK".equalsIgnoreCase(doc.getXmlEncoding())) {
                return problem(Map.of(), "the declared encoding is " + doc.getXmlEncoding() + ", not GBK", false);
            }
            NodeList children = root.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    fields.put(e.getTagName(), e.getTextContent());
                    if (e.getTagName().equals("jump_url")) {
                        cdata = hasCdata(e);
                    }
                }
            }
        } catch (Exception e) {
            return problem(Map.of(), "the xml field is not well-formed GBK XML", false);
        }
        byte[] macBytes = form.get("mac");
        String mac = macBytes == null ? "" : new String(macBytes, StandardCharsets.US_ASCII);
        if (mac.isEmpty()) {
            return problem(fields, "sign (mac) is missing", cdata);
        }
        if (!mac(document, fields).equals(mac)) {
            return problem(fields, "sign (mac) does not verify", cdata);
        }
        return new YimaWire.Parsed(fields, this, null, cdata);
    }

    private YimaWire.Parsed problem(Map<String, String> fields, String problem, boolean cdata) {
        return new YimaWire.Parsed(fields, this, problem, cdata);
    }

    /** The mac of a document under the scheme: the wrapped MD5 of the GBK document, or of its sorted fields. */
    private String mac(byte[] document, Map<String, String> fields) {
        return YimaWire.md5Hex(macScheme == YimaSimulator.Scheme.MD5_WRAPPED ? signing.wrap(document)
                : signing.schemeContent(YimaWire.sortedFields(fields), YimaWire.GBK));
    }

    private static boolean hasCdata(Element e) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.CDATA_SECTION_NODE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String checkFields(Map<String, String> fields, YimaWire.Parsed parsed) {
        if (!fields.getOrDefault("jump_url", "").isEmpty() && !parsed.jumpUrlInCdata()) {
            return "jump_url must be wrapped in CDATA in XML";
        }
        return null;
    }

    private static byte[] document(YimaWire.Answer a, YimaWire.Outcome outcome) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<business_trans>\n");
        a.envelope().forEach((k, v) -> x.append('<').append(k).append('>').append(YimaWire.escape(v)).append("</")
                .append(k).append(">\n"));
        x.append("<result>\n<id>").append(YimaWire.escape(outcome.id())).append("</id>\n<comment>")
                .append(YimaWire.escape(outcome.comment())).append("</comment>\n");
        if (a.extraNodes()) {
            x.append("<detail>新增节点</detail>\n");
        }
        x.append("</result>\n");
        if (a.detail() != null) {
            element(x, "detail", a.detail());
        }
        if (a.extraNodes()) {
            x.append("<notices><notice>新增节点</notice></notices>\n");
        }
        x.append("</business_trans>\n");
        byte[] bytes = x.toString().getBytes(YimaWire.GBK);
        return a.invalidByte() ? YimaWire.invalidAfter(bytes, "<comment>") : bytes;
    }

    /** Writes a node: an object as nested elements, an array as the element repeated, a scalar as text. */
    private static void element(StringBuilder x, String name, Object node) {
        if (node instanceof List<?> l) {
            l.forEach(item -> element(x, name, item));
            return;
        }
        x.append('<').append(name).append('>');
        if (node instanceof Map<?, ?> m) {
            x.append('\n');
            m.forEach((k, v) -> element(x, String.valueOf(k), v));
        } else if (node != null) {
            x.append(YimaWire.escape(String.valueOf(node)));
        }
        x.append("</").append(name).append(">\n");
    }

    @Override
    public ScriptedResponse answer(YimaWire.Answer a) {
        byte[] document = document(a, a.signed());
        boolean changed = !a.signed().equals(a.shown());
        if (a.xmlAnswer() == YimaSimulator.XmlAnswer.BARE) {
            return ScriptedResponse.of(200, "text/xml;charset=GBK", changed ? document(a, a.shown()) : document);
        }
        String mac = null;
        if (a.sign()) {
            mac = YimaWire.md5Hex(macScheme == YimaSimulator.Scheme.MD5_WRAPPED ? signing.wrap(document)
                    : signing.schemeContent(YimaWire.sortedFields(signing.signedFields(a.envelope(), a.signed(),
                            a.detail())), YimaWire.GBK));
        }
        if (changed) {
            document = document(a, a.shown()); // changed after signing
        }
        StringBuilder form = new StringBuilder("xml=").append(YimaWire.percentEncode(document));
        if (mac != null) {
            form.append("&mac=").append(a.tamper() ? YimaWire.flip(mac) : mac);
        }
        return ScriptedResponse.of(200, "application/x-www-form-urlencoded;charset=GBK",
                form.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean answers(String contentType) {
        return contentType.contains("x-www-form-urlencoded");
    }

    @Override
    public byte[] resign(byte[] body) {
        byte[] document = null;
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.startsWith("xml=")) {
                document = YimaWire.percentDecode(pair.substring(4));
            }
        }
        if (document == null) {
            return null;
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        try {
            NodeList children = YimaWire.domBuilder().parse(new ByteArrayInputStream(document)).getDocumentElement()
                    .getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e && e.getElementsByTagName("*").getLength() == 0) {
                    scalars.put(e.getTagName(), e.getTextContent());
                } else if (signing.signResult() && children.item(i) instanceof Element e && e.getTagName().equals("result")) {
                    for (String name : List.of("id", "comment")) {
                        NodeList n = e.getElementsByTagName(name);
                        scalars.put("result." + name, n.getLength() == 0 ? "" : n.item(0).getTextContent());
                    }
                }
            }
        } catch (Exception e) {
            return null;
        }
        return ("xml=" + YimaWire.percentEncode(document) + "&mac=" + mac(document, scalars))
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "XmlFormWire[" + signing + "]";
    }
}
