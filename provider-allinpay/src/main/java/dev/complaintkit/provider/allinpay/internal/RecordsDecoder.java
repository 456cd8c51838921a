/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decodes the {@code records} field of a history answer: Base64 of UTF-8 JSON
 * {@code {total_count?, offset, limit, data:[…]}}, straight from the decoded bytes with Jackson's
 * streaming parser into {@link NegotiationEntry}s (no intermediate text, no tree). Accepts
 * {@code complaint_media_list} as one object or an array of them, {@code media_url} and
 * {@code image_list} as an array or a single string, numbers as strings; unknown fields are
 * skipped and an unknown {@code operate_type} is kept raw. Anything else is a
 * {@link ProviderException} saying the records could not be decoded.
 */
public final class RecordsDecoder {
    /** Allinpay's offset for times sent without one. */
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    /** Built on first use: a formatter costs a cold JVM ~15 ms, and RFC 3339 times never need it. */
    private static final class PlainTime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    }

    /**
     * The decoded records.
     *
     * @param entries the rows, in the provider's order
     * @param totalCount {@code total_count}, when the answer carried it (Allinpay: only at offset 0)
     * @param offset {@code offset}, the first row's position this page was made for, when sent
     * @param limit {@code limit}, the page size this page was made for, when sent
     * @param bareArray whether the records were a bare array of rows (which has no place for
     *     {@code offset} and {@code limit}) rather than Allinpay's object
     */
    public record Records(List<NegotiationEntry> entries, OptionalLong totalCount, OptionalLong offset, OptionalLong limit,
            boolean bareArray) {
        /**
         * @param entries the rows
         * @param totalCount {@code total_count}, when sent
         */
        public Records(List<NegotiationEntry> entries, OptionalLong totalCount) {
            this(entries, totalCount, OptionalLong.empty(), OptionalLong.empty(), false);
        }
    }

    private RecordsDecoder() {}

    /**
     * @param base64 the {@code records} value
     * @return the rows and the total, if sent
     * @throws ProviderException when it is not Base64 of the expected JSON
     */
    public static Records decode(String base64) {
        byte[] json;
        try {
            json = base64(base64);
        } catch (IllegalArgumentException e) {
            throw undecodable("records is not Base64");
        }
        return decode(json);
    }

    /**
     * @param json the UTF-8 JSON bytes
     * @return the rows and the total, if sent
     * @throws ProviderException when it is not the expected JSON
     */
    public static Records decode(byte[] json) {
        try (JsonParser p = Json.mapper().createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) { // Allinpay's interface page calls it an array: accept a bare row array too
                return new Records(rows(p), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), true);
            }
            if (first != JsonToken.START_OBJECT) {
                throw undecodable("records is not a JSON object");
            }
            List<NegotiationEntry> entries = List.of();
            OptionalLong total = OptionalLong.empty();
            OptionalLong offset = OptionalLong.empty();
            OptionalLong limit = OptionalLong.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "total_count" -> total = count(p, t, name);
                    case "offset" -> offset = count(p, t, name);
                    case "limit" -> limit = count(p, t, name);
                    case "data" -> {
                        if (t == JsonToken.START_ARRAY) {
                            entries = rows(p);
                        } else if (t != JsonToken.VALUE_NULL) {
                            throw undecodable("records.data is not an array");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new Records(entries, total, offset, limit, false);
        } catch (JsonProcessingException e) {
            throw undecodable("records is not valid JSON (" + e.getOriginalMessage() + at(e.getLocation()) + ")");
        } catch (IOException e) {
            throw undecodable("records could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** @return a count of the records object ({@code total_count}, {@code offset}, {@code limit}): 0 or more */
    private static OptionalLong count(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return OptionalLong.empty();
        }
        long value;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw undecodable("records." + field + " is out of range");
            }
            value = p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            if (s.isEmpty()) {
                return OptionalLong.empty();
            }
            if (s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw undecodable("records." + field + " '" + cut(s) + "' is not a number");
            }
            try {
                value = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw undecodable("records." + field + " is out of range");
            }
        } else {
            throw undecodable("records." + field + " is not a number");
        }
        if (value < 0) {
            throw undecodable("records." + field + " is negative (" + value + ")");
        }
        return OptionalLong.of(value);
    }

    private static String cut(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    private static List<NegotiationEntry> rows(JsonParser p) throws IOException {
        List<NegotiationEntry> rows = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw undecodable("records.data[" + rows.size() + "] is not an object");
            }
            rows.add(row(p, rows.size()));
        }
        return rows;
    }

    private static NegotiationEntry row(JsonParser p, int index) throws IOException {
        String logId = null;
        String operator = null;
        String time = null;
        String type = null;
        String details = null;
        List<Media> media = List.of();
        List<String> images = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "log_id" -> logId = scalar(p, t, index, name);
                case "operator" -> operator = scalar(p, t, index, name);
                case "operate_time" -> time = scalar(p, t, index, name);
                case "operate_type" -> type = scalar(p, t, index, name);
                case "operate_details" -> details = scalar(p, t, index, name);
                case "image_list" -> images = strings(p, t, index, name);
                case "complaint_media_list" -> media = mediaList(p, t, index);
                default -> p.skipChildren();
            }
        }
        return new NegotiationEntry(logId, operator, time(time, index), OperationType.fromWire(type), type, details, media, images);
    }

    private static String scalar(JsonParser p, JsonToken t, int index, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw undecodable("records.data[" + index + "]." + field + " is not a text value");
        }
        return p.getText();
    }

    private static List<String> strings(JsonParser p, JsonToken t, int index, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t.isScalarValue()) {
            String s = p.getText();
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (t != JsonToken.START_ARRAY) {
            throw undecodable("records.data[" + index + "]." + field + " is not an array");
        }
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (!t.isScalarValue()) {
                throw undecodable("records.data[" + index + "]." + field + " holds something other than text");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static List<Media> mediaList(JsonParser p, JsonToken t, int index) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t == JsonToken.START_OBJECT) { // WeChat's current shape: one object
            Media m = media(p, index);
            return m == null ? List.of() : List.of(m);
        }
        if (t != JsonToken.START_ARRAY) {
            throw undecodable("records.data[" + index + "].complaint_media_list is neither an object nor an array");
        }
        List<Media> out = new ArrayList<>(2);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                throw undecodable("records.data[" + index + "].complaint_media_list holds something other than objects");
            }
            Media m = media(p, index);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return the media, or {@code null} for an empty object */
    private static Media media(JsonParser p, int index) throws IOException {
        String type = null;
        List<String> urls = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "media_type" -> type = scalar(p, t, index, "complaint_media_list.media_type");
                case "media_url" -> urls = strings(p, t, index, "complaint_media_list.media_url");
                default -> p.skipChildren();
            }
        }
        return (type == null || type.isEmpty()) && urls.isEmpty() ? null : new Media(type, urls);
    }

    private static OffsetDateTime time(String text, int index) {
        if (text == null || text.isBlank()) {
            throw undecodable("records.data[" + index + "].operate_time is missing");
        }
        String s = text.trim();
        OffsetDateTime fast = rfc3339Fast(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s, PlainTime.FORMAT).atOffset(BEIJING);
            } catch (DateTimeParseException e2) {
                throw undecodable("records.data[" + index + "].operate_time '" + s + "' is not an RFC 3339 time");
            }
        }
    }

    /** Base64 as Allinpay sends it (one line); only a value the plain decoder refuses is retried without whitespace. */
    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Base64.getDecoder().decode(withoutWhitespace(text));
        }
    }

    /**
     * Reads WeChat's form, {@code yyyy-MM-ddTHH:mm:ss±hh:mm}, by position: the same result as
     * {@link OffsetDateTime#parse}, without resolving a formatter's field map per row.
     *
     * @param s trimmed text
     * @return the time, or {@code null} when the text has another shape or is not a valid time (then
     *     the formatters decide, as before)
     */
    static OffsetDateTime rfc3339Fast(String s) {
        if (s.length() != 25 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || (s.charAt(19) != '+' && s.charAt(19) != '-') || s.charAt(22) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int offsetHours = digits(s, 20, 22);
        int offsetMinutes = digits(s, 23, 25);
        if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0) {
            return null;
        }
        try {
            ZoneOffset offset = s.charAt(19) == '+' ? ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes)
                    : ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes);
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String withoutWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                StringBuilder sb = new StringBuilder(s.length());
                s.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> sb.append((char) c));
                return sb.toString();
            }
        }
        return s;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getByteOffset() < 0 ? "" : " at byte " + location.getByteOffset();
    }

    private static ProviderException undecodable(String why) {
        return AllinpayWire.invalid("the records could not be decoded: " + why);
    }
}
