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
            return n.bigIntegerValue().toString();
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
