/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/** The Yima simulator's own wire helpers and the values its wire formats share. */
final class YimaWire {
    static final Charset GBK = Charset.forName("GBK");
    /** A byte that is invalid in GBK and in UTF-8. */
    static final byte INVALID_BYTE = (byte) 0xFF;

    private YimaWire() {}

    /** {@code result{id, comment}} of an answer. */
    record Outcome(String id, String comment) {}

    /**
     * A request as one wire format read it.
     *
     * @param fields the envelope's fields
     * @param format the wire format it came in, which answers it
     * @param problem why it cannot be served (parse or signature), or null
     * @param jumpUrlInCdata whether {@code jump_url} was wrapped in CDATA (XML only)
     */
    record Parsed(Map<String, String> fields, WireFormat format, String problem, boolean jumpUrlInCdata) {}

    /**
     * Everything one answer is made of.
     *
     * @param envelope the top-level fields ({@code response_type} and the echoes)
     * @param signed the outcome the signature is computed for
     * @param shown the outcome the answer carries (another one when it was changed after signing)
     * @param sign whether the answer carries its signature
     * @param tamper whether that signature is spoiled
     * @param extraNodes whether it carries nodes a client must ignore
     * @param invalidByte whether an invalid byte goes right into {@code comment}
     * @param xmlAnswer how an XML request is answered
     * @param detail the nested {@code detail} object of a detail answer (values: text, booleans, numbers,
     *     maps, lists), or {@code null}
     */
    record Answer(Map<String, String> envelope, Outcome signed, Outcome shown, boolean sign, boolean tamper,
            boolean extraNodes, boolean invalidByte, YimaSimulator.XmlAnswer xmlAnswer, Map<String, Object> detail) {}

    /**
     * The signing key and scheme, shared by both wire formats.
     *
     * @param secret the shared secret
     * @param scheme how signatures are computed
     * @param signResult whether answer signatures also cover {@code result.id} / {@code result.comment}
     * @param signDetail whether they also cover every scalar of {@code detail}, by its path
     */
    record Signing(String secret, YimaSimulator.Scheme scheme, boolean signResult, boolean signDetail) {
        byte[] schemeContent(String canonical, Charset cs) {
            String text = scheme == YimaSimulator.Scheme.MD5_SORTED_KEY ? canonical + "&key=" + secret
                    : secret + canonical + secret;
            return text.getBytes(cs);
        }

        byte[] wrap(byte[] document) {
            byte[] key = secret.getBytes(GBK);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(key);
            out.writeBytes(document);
            out.writeBytes(key);
            return out.toByteArray();
        }

        /** The fields an answer's signature covers: the envelope, with signResult the flattened result, with signDetail the detail. */
        Map<String, String> signedFields(Map<String, String> envelope, Outcome outcome, Map<String, Object> detail) {
            Map<String, String> signed = new LinkedHashMap<>(envelope);
            if (signResult) {
                signed.put("result.id", outcome.id());
                signed.put("result.comment", outcome.comment());
            }
            if (signDetail && detail != null) {
                paths("detail", detail, signed);
            }
            return signed;
        }

        /** Every scalar under a node, by its path: {@code a.b} inside an object, {@code a[i]} inside an array. */
        static void paths(String path, Object node, Map<String, String> out) {
            if (node instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    paths(path + "." + e.getKey(), e.getValue(), out);
                }
            } else if (node instanceof java.util.List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    paths(path + "[" + i + "]", l.get(i), out);
                }
            } else if (node != null) {
                out.put(path, String.valueOf(node));
            }
        }

        @Override
        public String toString() {
            return "Signing[" + scheme + ", signResult " + signResult + "]";
        }
    }

    /** Non-empty fields except sign, sorted by name (ASCII), joined k=v&k=v. */
    static String sortedFields(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                sorted.put(k, v);
            }
        });
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String flip(String hex) {
        char c = hex.charAt(0);
        return (c == '0' ? '1' : '0') + hex.substring(1);
    }

    /** @return the bytes, or {@code null} when an escape is broken */
    static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static String percentEncode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int u = b & 0xFF;
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
                    || u == '.' || u == '*') {
                sb.append((char) u);
            } else if (u == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Charset charsetOf(String contentType, Charset fallback) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).trim());
                } catch (IllegalArgumentException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    /** @return the body with {@link #INVALID_BYTE} right after the first {@code marker} */
    static byte[] invalidAfter(byte[] body, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + m.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + m.length, m, 0, m.length)) {
                int at = i + m.length;
                byte[] out = new byte[body.length + 1];
                System.arraycopy(body, 0, out, 0, at);
                out[at] = INVALID_BYTE;
                System.arraycopy(body, at, out, at + 1, body.length - at);
                return out;
            }
        }
        return body;
    }

    static DocumentBuilder domBuilder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setCoalescing(false);
        return f.newDocumentBuilder();
    }
}
