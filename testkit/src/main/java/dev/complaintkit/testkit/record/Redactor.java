/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and signatures from recorded exchanges: values of the named fields in query
 * strings, form bodies, JSON (at any depth) and XML elements, and any literal secret value anywhere.
 * Every removed value becomes {@value #REDACTED}.
 */
public final class Redactor {
    /** What a removed value is replaced with. */
    public static final String REDACTED = "REDACTED";

    /** Field names redacted by default: signatures, tokens, keys and secrets of every provider. */
    public static final Set<String> DEFAULT_FIELDS = Set.of("sign", "mac", "signature", "access_token", "token",
            "secret_key", "secret", "key", "private_key", "password", "client_secret");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> fields;
    private final List<String> literals;

    private Redactor(Set<String> fields, List<String> literals) {
        this.fields = fields;
        this.literals = literals;
    }

    /** @return a redactor for {@link #DEFAULT_FIELDS} */
    public static Redactor defaults() {
        return new Redactor(lower(DEFAULT_FIELDS), List.of());
    }

    /**
     * @param names more field names to redact
     * @return a copy that also redacts them
     */
    public Redactor withFields(String... names) {
        Set<String> all = new TreeSet<>(fields);
        all.addAll(lower(Set.of(names)));
        return new Redactor(all, literals);
    }

    /**
     * @param values literal secret values (e.g. your configured secret key) to scrub wherever they appear
     * @return a copy that also scrubs them
     */
    public Redactor withSecretValues(String... values) {
        List<String> all = new ArrayList<>(literals);
        for (String v : values) {
            if (v != null && v.length() >= 4) {
                all.add(v);
            }
        }
        return new Redactor(fields, all);
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    boolean isSecretField(String name) {
        return fields.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param rawQuery a raw query string
     * @return it with secret parameter values redacted (raw encoding kept otherwise)
     */
    public String query(String rawQuery) {
        return rawQuery == null ? null : scrub(form(rawQuery, StandardCharsets.UTF_8));
    }

    /**
     * @param body a body
     * @param contentType its content type (decides form, JSON or XML handling)
     * @param charset its charset
     * @return the redacted body text
     */
    public String body(String body, String contentType, Charset charset) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String out = body;
        if (ct.contains("x-www-form-urlencoded")) {
            out = form(body, charset);
        } else if (ct.contains("json") || looksLikeJson(body)) {
            out = json(body);
        }
        if (ct.contains("xml") || body.contains("<")) {
            out = xml(out);
        }
        return scrub(out);
    }

    private static boolean looksLikeJson(String body) {
        String t = body.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private String form(String text, Charset charset) {
        StringBuilder out = new StringBuilder();
        for (String pair : text.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String decodedName;
            try {
                decodedName = URLDecoder.decode(name, charset);
            } catch (IllegalArgumentException e) {
                decodedName = name;
            }
            if (eq >= 0 && isSecretField(decodedName)) {
                out.append(name).append('=').append(REDACTED);
            } else if (eq >= 0 && !isSecretField(decodedName)) {
                String value = pair.substring(eq + 1);
                String decoded;
                try {
                    decoded = URLDecoder.decode(value, charset);
                } catch (IllegalArgumentException e) {
                    decoded = value;
                }
                String redacted = decoded.contains("<") ? xml(decoded) : decoded;
                out.append(name).append('=').append(redacted.equals(decoded) ? value
                        : java.net.URLEncoder.encode(redacted, charset));
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private String json(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null) {
                return text;
            }
            if (!redactJson(root)) {
                return text; // nothing to redact: keep the original bytes and layout
            }
            return JSON.writeValueAsString(root);
        } catch (java.io.IOException e) {
            return text;
        }
    }

    private boolean redactJson(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode obj) {
            List<String> secret = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (isSecretField(e.getKey()) && e.getValue().isValueNode()) {
                    secret.add(e.getKey());
                } else {
                    changed |= redactJson(e.getValue());
                }
            }
            secret.forEach(k -> obj.set(k, TextNode.valueOf(REDACTED)));
            changed |= !secret.isEmpty();
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                changed |= redactJson(child);
            }
        }
        return changed;
    }

    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z_][\\w.-]*)>([^<]*|<!\\[CDATA\\[.*?]]>)</\\1>", Pattern.DOTALL);

    private String xml(String text) {
        Matcher m = ELEMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretField(m.group(1)) ? "<" + m.group(1) + ">" + REDACTED + "</" + m.group(1) + ">" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String scrub(String text) {
        String out = text;
        for (String literal : literals) {
            out = out.replace(literal, REDACTED);
        }
        return out;
    }
}
