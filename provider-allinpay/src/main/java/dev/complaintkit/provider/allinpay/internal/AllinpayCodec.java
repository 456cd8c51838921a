/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.internal.wire.Canonical;
import dev.complaintkit.port.Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Allinpay's wire format: requests are {@code application/x-www-form-urlencoded} UTF-8, answers a
 * flat JSON object. Scalars (numbers too) are kept as their text, {@code null}s are left out, nested
 * values become maps and lists (Allinpay sends none; they are neither signed nor used). A repeated
 * name, or a body that is not a JSON object, is {@code INVALID_RESPONSE}.
 */
public final class AllinpayCodec implements Codec {
    /** The request content type. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Map<String, String> fields) {
        return Canonical.formEncode(fields).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Map<String, Object> decode(byte[] body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = Json.mapper().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw AllinpayWire.invalid("the answer is not a JSON object (" + body.length + " bytes)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isScalarValue()) {
                    if (t != JsonToken.VALUE_NULL) {
                        fields.put(name, p.getText());
                    }
                } else {
                    fields.put(name, p.readValueAs(Object.class));
                }
            }
        } catch (JsonProcessingException e) {
            throw AllinpayWire.invalid("the answer is not JSON (" + body.length + " bytes: " + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw AllinpayWire.invalid("the answer could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return fields;
    }

    @Override
    public String toString() {
        return "AllinpayCodec[form → JSON]";
    }
}
