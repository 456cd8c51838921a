/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of {@code data.list}, read straight from the parser: the raw value (see
 * {@link Scalars#value(JsonParser)}) of each field the model uses, times in Xiaoe's format already
 * read (see {@link Scalars#timeValue}); every other field is skipped without being built. When a field appears twice the later one wins, as in Jackson's tree.
 */
final class Row {
    /** The row fields the decoder reads. */
    enum Field {
        COMPLAINT_ID("complaint_id"),
        STATE("state"),
        CHANNEL_TYPE("channel_type"),
        COMPLAINT_TIME("complaint_time", true),
        IS_OVERTIME("is_overtime"),
        OPERATE_END_TIME("operate_end_time", true),
        CLOSED_AT("closed_at", true),
        COMPLAINT_FROM("complaint_from"),
        CURRENT_STEP("current_step"),
        TIME_LIMIT("time_limit"),
        COMPLAINT_TYPE("complaint_type"),
        COMPLAINT_RESOURCE_TYPE("complaint_resource_type"),
        OPERATE_TIME("operate_time"),
        COMPLAINT_REASON("complaint_reason"),
        COMPLAINANT_PHONE("complainant_phone"),
        COMPLAINT_RESOURCE_ID("complaint_resource_id");

        private static final Map<String, Field> BY_NAME = new HashMap<>();

        static {
            for (Field f : values()) {
                BY_NAME.put(f.wireName, f);
            }
        }

        private final String wireName;
        private final boolean time;

        Field(String wireName) {
            this(wireName, false);
        }

        Field(String wireName, boolean time) {
            this.wireName = wireName;
            this.time = time;
        }

        /** @return the field's name in Xiaoe's JSON */
        String wireName() {
            return wireName;
        }
    }

    private static final int FIELDS = Field.values().length;

    private final Object[] values = new Object[FIELDS];

    private Row() {}

    /**
     * @param field a field
     * @return its raw value, {@code null} when absent or JSON {@code null}
     */
    Object get(Field field) {
        return values[field.ordinal()];
    }

    /**
     * @param node an object node (the detail endpoint's {@code data}); other nodes give an empty row
     * @return the row of the fields the decoder reads, from the tree
     */
    static Row of(com.fasterxml.jackson.databind.JsonNode node) {
        Row row = new Row();
        for (Field f : Field.values()) {
            row.values[f.ordinal()] = Scalars.value(node.get(f.wireName));
        }
        return row;
    }

    /**
     * Reads the row at the parser's current token and leaves the parser on the row's last token.
     *
     * @param p a parser positioned on a row's first token
     * @return the row
     * @throws IOException when the JSON is malformed
     * @throws IllegalArgumentException when the row is not an object (the parser has passed it)
     */
    static Row read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw new IllegalArgumentException("a row is not an object");
        }
        Row row = new Row();
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            Field f = Field.BY_NAME.get(name);
            if (f == null) {
                p.skipChildren();
            } else {
                row.values[f.ordinal()] = f.time ? Scalars.timeValue(p) : Scalars.value(p);
            }
        }
        return row;
    }
}
