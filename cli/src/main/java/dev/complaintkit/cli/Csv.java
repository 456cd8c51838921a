/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
 * (with {@code "} doubled) when it holds a comma, a quote, CR or LF. Two guards on top: a field
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR is prefixed with {@code '},
 * so a spreadsheet never runs a provider's or consumer's text as a formula (CSV injection); and
 * control characters other than CR, LF and TAB are written as {@code \}{@code uXXXX} (as
 * {@link TerminalText} does), so a CSV printed on a terminal cannot drive it.
 */
final class Csv {
    /** The UTF-8 byte order mark Excel looks for. */
    static final char BOM = '\uFEFF';

    private Csv() {}

    /** @param cells the fields of one record @return the record, with its CRLF */
    static String record(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /**
     * @param view a JSON view (a row's fields by name)
     * @param names the header's names, in order
     * @return the view's values in that order, as CSV fields: {@code null} empty, text as is,
     *     numbers and booleans as JSON writes them, lists and maps as compact JSON
     */
    static List<String> values(Map<String, Object> view, List<String> names) {
        return names.stream().map(n -> text(view.get(n))).toList();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            return Main.JSON_LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param value a field's text, or {@code null} @return it guarded, escaped and quoted as needed */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            sb.append('\'');
        }
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append("\"\"");
                quote = true;
            } else if (c == ',' || c == '\r' || c == '\n') {
                sb.append(c);
                quote = true;
            } else if (Character.isISOControl(c) && c != '\t') {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return quote ? "\"" + sb + "\"" : sb.toString();
    }
}
