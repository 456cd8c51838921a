/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.port.Codec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Yima's JSON messages (not API): one flat object of strings out; any object in, with nested objects
 * as maps and scalars as strings. Unknown fields are kept (the adapter ignores what it does not use).
 * The charset is a setting (default UTF-8).
 */
public final class JsonCodec implements Codec {
    private final Charset charset;

    /** @param charset the charset of the bodies */
    public JsonCodec(Charset charset) {
        this.charset = charset;
    }

    /** @return the charset of the bodies */
    public Charset charset() {
        return charset;
    }

    @Override
    public String contentType() {
        return "application/json;charset=" + charset.name();
    }

    /**
     * @throws IllegalArgumentException when a value holds a character the charset cannot encode
     *     (the adapter's validation finds these before anything is encoded)
     */
    @Override
    public byte[] encode(Map<String, String> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (e.getValue() != null) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return strictEncode(out.toString(), charset);
    }

    @Override
    public Map<String, Object> decode(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            throw YimaWire.notEnvelope("the answer is not valid " + charset.name() + " text");
        } catch (JsonProcessingException e) {
            throw YimaWire.notEnvelope("the answer is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw YimaWire.notEnvelope("the answer is not a JSON object");
        }
        return object(root);
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            return object(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        return node.isNull() ? null : node.asText();
    }

    static byte[] strictEncode(String text, Charset charset) {
        try {
            ByteBuffer buf = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the message holds a character " + charset.name() + " cannot encode", e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec[" + charset.name() + "]";
    }
}
