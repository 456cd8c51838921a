/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the fake's notification bodies: top-level scalar fields of a JSON object. */
final class FakeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeJson() {}

    static Map<String, String> flat(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        out.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        } catch (IOException e) {
            return out; // not JSON: no fields, refused by the caller
        }
        return out;
    }
}
