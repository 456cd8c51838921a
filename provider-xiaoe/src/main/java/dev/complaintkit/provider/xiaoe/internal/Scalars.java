/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Xiaoe's scalars: its documentation and its answers disagree on types (ids documented as int and
 * sent as strings, "string" fields sent as numbers), so every reader here takes either.
 */
final class Scalars {
    /** Xiaoe's times are wall-clock times in China. */
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** {@code yyyy-MM-dd HH:mm:ss}, the format Xiaoe sends and expects. */
    static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** Times before this are placeholders ({@code 1970-01-02 00:00:00} = "not closed"), not dates. */
    static final Instant PLACEHOLDER_BEFORE = OffsetDateTime.of(1971, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();

    private static final DateTimeFormatter LENIENT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    /**
     * Wall-clock times after this have one offset, {@link #FIXED_OFFSET}: Asia/Shanghai has had no
     * transition since 1991 and no rule for future ones. (Read from the JDK's zone rules, not assumed:
     * should the rules gain transitions, this moves past the last one, or to the end of time.)
     */
    private static final LocalDateTime FIXED_AFTER;
    private static final ZoneOffset FIXED_OFFSET;

    static {
        ZoneRules rules = SHANGHAI.getRules();
        List<ZoneOffsetTransition> transitions = rules.getTransitions();
        if (!rules.getTransitionRules().isEmpty()) {
            FIXED_AFTER = LocalDateTime.MAX;
            FIXED_OFFSET = rules.getOffset(Instant.EPOCH);
        } else if (transitions.isEmpty()) {
            FIXED_AFTER = LocalDateTime.MIN;
            FIXED_OFFSET = rules.getOffset(Instant.EPOCH);
        } else {
            ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
            LocalDateTime before = last.getDateTimeBefore();
            LocalDateTime after = last.getDateTimeAfter();
            FIXED_AFTER = before.isAfter(after) ? before : after;
            FIXED_OFFSET = last.getOffsetAfter();
        }
    }

    /**
     * The most zeros a number's plain form may add to its digits (before them, as in {@code 0.000001},
     * or after them, as in {@code 1000000}); beyond, its text keeps the exponent. So the text of a
     * number is never more than this many characters longer than the number's own digits, however
     * large or small its exponent ({@code 1e-999999999} written out would be a billion characters).
     */
    static final int MAX_PLAIN_ZEROS = 32;

    /** The text of small whole numbers (codes, hours), made once. */
    private static final String[] SMALL = new String[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i);
        }
    }

    private Scalars() {}

    /** A JSON object or array where a scalar was expected (read by the streaming decoder). */
    enum Container {
        OBJECT, ARRAY
    }

    /**
     * @param n a tree node
     * @return the node as the raw value the other readers take: {@code null}, a {@link String}, a
     *     {@link Long}, a {@link BigInteger}, a {@link BigDecimal} or a {@link Container}
     */
    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isContainerNode()) {
            return n.isArray() ? Container.ARRAY : Container.OBJECT;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return n.asText();
    }

    /**
     * Reads the scalar at the parser's current token (a container is skipped), the same raw value
     * {@link #value(JsonNode)} gives for the tree node Jackson would have built.
     *
     * @param p a parser positioned on a value token
     * @return the raw value
     * @throws IOException when the JSON is malformed
     */
    static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return null;
        }
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case START_OBJECT:
                p.skipChildren();
                return Container.OBJECT;
            case START_ARRAY:
                p.skipChildren();
                return Container.ARRAY;
            default:
                return null; // VALUE_NULL, embedded objects
        }
    }

    /**
     * Reads a time field's raw value: a string in Xiaoe's own format becomes its {@link OffsetDateTime}
     * straight from the parser's buffer; anything else is {@link #value(JsonParser)}.
     *
     * @param p a parser positioned on a value token
     * @return the raw value
     * @throws IOException when the JSON is malformed
     */
    static Object timeValue(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() == 19) {
            OffsetDateTime t = wireTimeFast(p.getTextCharacters(), p.getTextOffset(), 19);
            if (t != null) {
                return t;
            }
        }
        return value(p);
    }

    /** @return whether the raw value carries nothing (absent, null, or an empty string) */
    static boolean isEmpty(Object v) {
        return v == null || (v instanceof String s && s.isBlank());
    }

    /** @return the value as text: numbers without exponent or {@code .0}; {@code null} when absent or not a scalar */
    static String text(JsonNode n) {
        return text(value(n));
    }

    /** @return the raw value as text: numbers without exponent or {@code .0}; {@code null} when absent or not a scalar */
    static String text(Object v) {
        if (v == null || v instanceof Container) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return decimalText(d);
        }
        if (v instanceof OffsetDateTime t) {
            return WIRE_TIME.format(t); // a time read while parsing was this text
        }
        if (v instanceof Long l && l >= 0 && l < SMALL.length) {
            return SMALL[(int) (long) l];
        }
        return v.toString();
    }

    /**
     * @param d a decimal
     * @return it without exponent or trailing zeros when that adds at most {@link #MAX_PLAIN_ZEROS}
     *     zeros to its digits ({@code 1500}, {@code 0.0025}); otherwise with its exponent ({@code 1E-999999999})
     */
    static String decimalText(BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        long scale = stripped.scale();
        long leadingZeros = scale - stripped.precision(); // zeros between the point and the first digit
        if (scale < -MAX_PLAIN_ZEROS || leadingZeros > MAX_PLAIN_ZEROS) {
            return stripped.toString();
        }
        return scale < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** @return the value as a whole number, from a number or a numeric string; empty otherwise */
    static OptionalLong integer(JsonNode n) {
        return integer(value(n));
    }

    /** @return the raw value as a whole number, from a number or a numeric string; empty otherwise */
    static OptionalLong integer(Object v) {
        if (v instanceof Long l) {
            return OptionalLong.of(l);
        }
        if (v == null || v instanceof Container || v instanceof BigInteger) {
            return OptionalLong.empty(); // a BigInteger does not fit a long
        }
        if (v instanceof String s && isPlainInt(s)) {
            return OptionalLong.of(Integer.parseInt(s));
        }
        try {
            return OptionalLong.of(new BigDecimal(v.toString().trim()).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** @return whether the text is 1 to 9 ASCII digits (the common case: no BigDecimal needed) */
    private static boolean isPlainInt(String s) {
        int n = s.length();
        if (n == 0 || n > 9) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a time: {@code yyyy-MM-dd HH:mm:ss} (also with {@code T} or a fraction) in Asia/Shanghai, an
     * ISO offset date-time, or epoch seconds/milliseconds as a number.
     *
     * @return the time; empty when absent or a zero date
     * @throws IllegalArgumentException when present but unreadable
     */
    static Optional<OffsetDateTime> time(JsonNode n) {
        return time(value(n));
    }

    /**
     * The same as {@link #time(JsonNode)}, on a raw value.
     *
     * @return the time; empty when absent or a zero date
     * @throws IllegalArgumentException when present but unreadable
     */
    static Optional<OffsetDateTime> time(Object v) {
        if (v instanceof OffsetDateTime t) {
            return Optional.of(t); // read while parsing (see timeValue)
        }
        if (isEmpty(v)) {
            return Optional.empty();
        }
        OptionalLong epoch = v instanceof Number ? integer(v) : OptionalLong.empty();
        if (epoch.isPresent()) {
            long e = epoch.getAsLong();
            try {
                Instant at = Math.abs(e) >= 100_000_000_000L ? Instant.ofEpochMilli(e) : Instant.ofEpochSecond(e);
                return Optional.of(at.atZone(SHANGHAI).toOffsetDateTime());
            } catch (DateTimeException | ArithmeticException x) {
                throw new IllegalArgumentException("not a time: " + e);
            }
        }
        String raw = text(v);
        if (raw == null) {
            throw new IllegalArgumentException("not a time: " + ((Container) v).name().toLowerCase(java.util.Locale.ROOT));
        }
        String t = raw.trim();
        if (t.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        OffsetDateTime wire = wireTimeFast(t);
        if (wire != null) {
            return Optional.of(wire);
        }
        try {
            return Optional.of(LocalDateTime.parse(t, LENIENT_TIME).atZone(SHANGHAI).toOffsetDateTime());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(t));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a time: '" + abbreviate(t) + "'");
            }
        }
    }

    /**
     * Reads Xiaoe's own format, {@code yyyy-MM-dd HH:mm:ss}, by position: the same result as the
     * lenient formatter for every text this accepts, several times faster (no field map to resolve).
     *
     * @param t trimmed text
     * @return the time in Asia/Shanghai, or {@code null} when the text has another shape or is not
     *     a valid date (then the lenient formatter decides, as before)
     */
    static OffsetDateTime wireTimeFast(String t) {
        return t.length() != 19 ? null : wireTimeFast(t.toCharArray(), 0, 19);
    }

    /**
     * {@link #wireTimeFast(String)} on characters in place (a parser's text buffer): no string is made.
     *
     * @param c the characters
     * @param off where the text starts
     * @param len its length
     * @return the time in Asia/Shanghai, or {@code null} when the text is not a valid {@code yyyy-MM-dd HH:mm:ss}
     */
    static OffsetDateTime wireTimeFast(char[] c, int off, int len) {
        if (len != 19 || c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != ' '
                || c[off + 13] != ':' || c[off + 16] != ':') {
            return null;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return inShanghai(LocalDateTime.of(year, month, day, hour, minute, second));
        } catch (DateTimeException e) {
            return null; // e.g. 24:00:00 or February 30: the lenient (SMART) formatter resolves these
        }
    }

    private static int digits(char[] c, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            v = v * 10 + (d - '0');
        }
        return v;
    }

    /**
     * @param t a wall-clock time in China
     * @return it with its offset: {@code t.atZone(SHANGHAI).toOffsetDateTime()}, without the search
     *     through the zone's transitions for times after the last one
     */
    static OffsetDateTime inShanghai(LocalDateTime t) {
        return t.isAfter(FIXED_AFTER) ? OffsetDateTime.of(t, FIXED_OFFSET) : t.atZone(SHANGHAI).toOffsetDateTime();
    }

    /** @return the time, or empty when it is a placeholder before 1971 */
    static Optional<OffsetDateTime> realTime(Optional<OffsetDateTime> t) {
        return t.filter(x -> !x.toInstant().isBefore(PLACEHOLDER_BEFORE));
    }

    /** @return the instant as Xiaoe expects it: {@code yyyy-MM-dd HH:mm:ss} in Asia/Shanghai */
    static String wireTime(Instant at) {
        return WIRE_TIME.format(at.atZone(SHANGHAI));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
