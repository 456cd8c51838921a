package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
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
    static final Instant PLACEHOLDER_BEFORE = OffsetDateTime.of(1971, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.ofHours(8)).toInstant();

    private static final DateTimeFormatter LENIENT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Scalars() {}

    /** @return whether the node carries nothing (absent, null, or an empty string) */
    static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isBlank());
    }

    /** @return the value as text: numbers without exponent or {@code .0}; {@code null} when absent or not a scalar */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? Long.toString(n.longValue()) : n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        return n.asText();
    }

    /** @return the value as a whole number, from a number or a numeric string; empty otherwise */
    static OptionalLong integer(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return OptionalLong.empty();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        }
        String t = text(n);
        if (t == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(new BigDecimal(t.trim()).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Reads a time: {@code yyyy-MM-dd HH:mm:ss} (also with {@code T} or a fraction) in Asia/Shanghai, an
     * ISO offset date-time, or epoch seconds/milliseconds as a number.
     *
     * @return the time; empty when absent or a zero date
     * @throws IllegalArgumentException when present but unreadable
     */
    static Optional<OffsetDateTime> time(JsonNode n) {
        if (isEmpty(n)) {
            return Optional.empty();
        }
        OptionalLong epoch = n.isNumber() ? integer(n) : OptionalLong.empty();
        if (epoch.isPresent()) {
            long v = epoch.getAsLong();
            try {
                Instant at = Math.abs(v) >= 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
                return Optional.of(at.atZone(SHANGHAI).toOffsetDateTime());
            } catch (DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException("not a time: " + v);
            }
        }
        String raw = text(n);
        if (raw == null) {
            throw new IllegalArgumentException("not a time: " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
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
        if (t.length() != 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' '
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).atZone(SHANGHAI).toOffsetDateTime();
        } catch (DateTimeException e) {
            return null; // e.g. 24:00:00 or February 30: the lenient (SMART) formatter resolves these
        }
    }

    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
