/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

/**
 * Makes text from providers, consumers and settings safe to print on a terminal: every control
 * character (C0, DEL, C1 — ESC, BEL, CR, LF, …) is written as {@code \}{@code uXXXX}, so no
 * provider text can move the cursor, clear the screen or forge a line of output.
 */
final class TerminalText {
    private TerminalText() {}

    /**
     * @param s a text, or {@code null}
     * @return it with every control character escaped; {@code ""} for {@code null}
     */
    static String escape(String s) {
        return escape(s, false, false);
    }

    /**
     * For error messages: like {@link #escape(String)}, but a line break that starts a list item
     * ({@code \n  - }, how the library lists violations and duplicate providers) stays a line break.
     *
     * @param s a message, or {@code null}
     * @return the message, safe to print
     */
    static String message(String s) {
        return escape(s, true, false);
    }

    /**
     * For {@code --verbose} stack traces: line breaks ({@code \n}, {@code \r\n}) and tabs stay,
     * every other control character is escaped.
     *
     * @param s a printed stack trace
     * @return it, safe to print
     */
    static String trace(String s) {
        return escape(s, false, true);
    }

    private static String escape(String s, boolean keepListBreaks, boolean keepLinesAndTabs) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean kept = !Character.isISOControl(c)
                    || (keepLinesAndTabs && (c == '\n' || c == '\t' || (c == '\r' && s.startsWith("\n", i + 1))))
                    || (keepListBreaks && c == '\n' && s.startsWith("  - ", i + 1));
            if (kept) {
                if (sb != null) {
                    sb.append(c);
                }
            } else {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
