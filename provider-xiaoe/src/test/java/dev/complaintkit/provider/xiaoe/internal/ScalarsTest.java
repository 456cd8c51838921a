/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scalars")
class ScalarsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The lenient formatter every time went through before the fast path (a copy, as the reference). */
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static OffsetDateTime reference(String text) {
        return LocalDateTime.parse(text, REFERENCE).atZone(Scalars.SHANGHAI).toOffsetDateTime();
    }

    @Test
    @DisplayName("yyyy-MM-dd HH:mm:ss read by position gives what the lenient formatter gives, DST years included")
    void fastPathMatchesFormatter() {
        List<String> times = new ArrayList<>(List.of("1970-01-02 00:00:00", "1986-05-04 02:30:00", "1988-09-11 01:30:00",
                "1991-04-14 02:00:00", "2000-02-29 23:59:59", "2024-04-19 11:25:19", "9999-12-31 23:59:59"));
        for (int i = 0; i < 2000; i++) { // every ~8 days for 43 years, hours and minutes rotating
            times.add(LocalDateTime.of(1985, 1, 1, 0, 0).plusHours(i * 191L).plusMinutes(i % 60).plusSeconds(i % 59)
                    .format(Scalars.WIRE_TIME));
        }
        for (String t : times) {
            assertThat(Scalars.wireTimeFast(t)).as(t).isEqualTo(reference(t));
            assertThat(Scalars.time(NODES.textNode(t))).as(t).contains(reference(t));
        }
    }

    @Test
    @DisplayName("other shapes and invalid dates are left to the lenient formatter, which decides as before")
    void otherShapesFallBack() {
        for (String t : List.of("2024-04-19T11:25:19", "2024-04-19 11:25:19.5", "2024-4-19 11:25:19", "2024-04-19 1:25:19",
                "2024-02-30 10:00:00", "2024-04-19 24:00:00", "2024-04-19 11:25:1x", "+024-04-19 11:25:19")) {
            assertThat(Scalars.wireTimeFast(t)).as(t).isNull();
        }
        assertThat(Scalars.time(NODES.textNode("2024-04-19T11:25:19"))).contains(reference("2024-04-19T11:25:19"));
        assertThat(Scalars.time(NODES.textNode("2024-04-19 11:25:19.5"))).contains(reference("2024-04-19 11:25:19.5"));
        assertThat(Scalars.time(NODES.textNode("2024-02-30 10:00:00"))).contains(reference("2024-02-30 10:00:00"));
    }

    @Test
    @DisplayName("whole numbers as text: longs directly, larger ones through BigInteger")
    void integralText() {
        assertThat(Scalars.text(NODES.numberNode(72))).isEqualTo("72");
        assertThat(Scalars.text(NODES.numberNode(-5L))).isEqualTo("-5");
        assertThat(Scalars.text(NODES.numberNode(Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
        BigInteger big = BigInteger.TWO.pow(70);
        assertThat(Scalars.text(NODES.numberNode(big))).isEqualTo(big.toString());
    }

    @Test
    @DisplayName("the offset after the zone's last transition is the zone's own answer, around 1991 and far beyond")
    void offsetsMatchZoneRules() {
        java.time.zone.ZoneOffsetTransition last = Scalars.SHANGHAI.getRules().getTransitions()
                .get(Scalars.SHANGHAI.getRules().getTransitions().size() - 1);
        LocalDateTime around = last.getDateTimeBefore();
        for (int m = -24 * 60; m <= 24 * 60; m += 7) { // two days around the last transition, by the minute
            LocalDateTime t = around.plusMinutes(m);
            assertThat(Scalars.inShanghai(t)).as(t.toString()).isEqualTo(t.atZone(Scalars.SHANGHAI).toOffsetDateTime());
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 5000; i++) {
            LocalDateTime t = LocalDateTime.of(1900, 1, 1, 0, 0).plusSeconds(random.nextInt(Integer.MAX_VALUE) * 3L);
            assertThat(Scalars.inShanghai(t)).as(t.toString()).isEqualTo(t.atZone(Scalars.SHANGHAI).toOffsetDateTime());
        }
    }

    @Test
    @DisplayName("raw values: small numbers, numeric strings and containers")
    void rawValues() {
        assertThat(Scalars.text((Object) 72L)).isEqualTo("72");
        assertThat(Scalars.text((Object) 300L)).isEqualTo("300");
        assertThat(Scalars.text(Scalars.Container.ARRAY)).isNull();
        assertThat(Scalars.integer((Object) "123456789")).hasValue(123456789);
        assertThat(Scalars.integer((Object) "1234567890123")).hasValue(1234567890123L);
        assertThat(Scalars.integer((Object) " 12 ")).hasValue(12);
        assertThat(Scalars.integer((Object) "-12")).hasValue(-12);
        assertThat(Scalars.integer((Object) "12x")).isEmpty();
        assertThat(Scalars.integer((Object) "")).isEmpty();
        assertThat(Scalars.integer(Scalars.Container.OBJECT)).isEmpty();
        assertThat(Scalars.integer((Object) BigInteger.TWO.pow(70))).isEmpty();
    }

    @Test
    @DisplayName("a decimal's text is at most 32 zeros longer than its digits, whatever its exponent, in both directions")
    void decimalTextBounded() {
        assertThat(Scalars.text((Object) new java.math.BigDecimal("1e-999999999"))).isEqualTo("1E-999999999");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("-1.5e999999999"))).isEqualTo("-1.5E+999999999");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("1e-34"))).isEqualTo("1E-34");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("1e-33"))).isEqualTo("0." + "0".repeat(32) + "1");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("1e32"))).isEqualTo("1" + "0".repeat(32));
        assertThat(Scalars.text((Object) new java.math.BigDecimal("1e33"))).isEqualTo("1E+33");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("0e-999999999"))).isEqualTo("0");
        assertThat(Scalars.text((Object) new java.math.BigDecimal("123.4500"))).isEqualTo("123.45");
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 2000; i++) {
            java.math.BigDecimal d = new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextLong()),
                    random.nextInt() / 2);
            assertThat(Scalars.text((Object) d).length()).as(d.toString())
                    .isLessThanOrEqualTo(d.unscaledValue().abs().toString().length() + Scalars.MAX_PLAIN_ZEROS + 3 + 12);
        }
    }
}
