/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.testkit.http.ScriptedResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON format: a JSON object body with {@code sign}, answered in JSON with {@code sign}. */
final class JsonWire implements WireFormat {
    private final ObjectMapper json = new ObjectMapper();
    private final YimaWire.Signing signing;

    JsonWire(YimaWire.Signing signing) {
        this.signing = signing;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public YimaWire.Parsed parse(String contentType, byte[] body) {
        if (!contentType.startsWith("application/json")) {
            return problem(Map.of(), "unsupported Content-Type '" + contentType + "'");
        }
        Charset cs = YimaWire.charsetOf(contentType, StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode root = json.readTree(new String(body, cs));
            if (root == null || !root.isObject()) {
                return problem(Map.of(), "the body is not a JSON object");
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!e.getValue().isValueNode()) {
                    return problem(Map.of(), "field " + e.getKey() + " is not a scalar");
                }
                fields.put(e.getKey(), e.getValue().asText());
            }
        } catch (JsonProcessingException e) {
            return problem(Map.of(), "the body is not JSON");
        }
        String sign = fields.get("sign");
        if (sign == null || sign.isEmpty()) {
            return problem(fields, "sign is missing");
        }
        String expected = YimaWire.md5Hex(signing.schemeContent(YimaWire.sortedFields(fields), cs));
        if (!expected.equals(sign)) {
            return problem(fields, "sign does not verify");
        }
        return new YimaWire.Parsed(fields, this, null, false);
    }

    private YimaWire.Parsed problem(Map<String, String> fields, String problem) {
        return new YimaWire.Parsed(fields, this, problem, false);
    }

    @Override
    public String checkFields(Map<String, String> fields, YimaWire.Parsed parsed) {
        return null;
    }

    @Override
    public ScriptedResponse answer(YimaWire.Answer a) {
        ObjectNode root = json.createObjectNode();
        a.envelope().forEach(root::put);
        ObjectNode result = root.putObject("result");
        result.put("id", a.shown().id());
        result.put("comment", a.shown().comment());
        if (a.extraNodes()) {
            result.put("detail", "新增节点");
            root.putArray("notices").add("新增节点");
        }
        if (a.detail() != null) {
            root.set("detail", json.valueToTree(a.detail()));
        }
        if (a.sign()) {
            String sign = YimaWire.md5Hex(signing.schemeContent(
                    YimaWire.sortedFields(signing.signedFields(a.envelope(), a.signed(), a.detail())), StandardCharsets.UTF_8));
            root.put("sign", a.tamper() ? YimaWire.flip(sign) : sign);
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ScriptedResponse.of(200, "application/json;charset=UTF-8",
                a.invalidByte() ? YimaWire.invalidAfter(body, "\"comment\":\"") : body);
    }

    @Override
    public boolean answers(String contentType) {
        return contentType.contains("json");
    }

    @Override
    public byte[] resign(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (!(root instanceof ObjectNode obj)) {
                return null;
            }
            Map<String, String> scalars = new LinkedHashMap<>();
            obj.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getKey().equals("sign")) {
                    scalars.put(e.getKey(), e.getValue().asText());
                }
            });
            if (signing.signResult() && obj.get("result") instanceof ObjectNode result) {
                scalars.put("result.id", result.path("id").asText(""));
                scalars.put("result.comment", result.path("comment").asText(""));
            }
            if (signing.signDetail() && obj.get("detail") instanceof ObjectNode detail) {
                YimaWire.Signing.paths("detail", json.convertValue(detail, Map.class), scalars);
            }
            obj.put("sign", YimaWire.md5Hex(signing.schemeContent(YimaWire.sortedFields(scalars), StandardCharsets.UTF_8)));
            return json.writeValueAsBytes(obj);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "JsonWire[" + signing + "]";
    }
}
