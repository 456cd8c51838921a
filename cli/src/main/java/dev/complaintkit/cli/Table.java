/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table; CJK and other wide characters count two columns. Every cell is printed
 * with its control characters escaped ({@link TerminalText}).
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = cells(header);
    }

    void add(List<String> row) {
        rows.add(cells(row));
    }

    int size() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] widths = widths(header, rows);
        printLine(out, header, widths);
        rows.forEach(r -> printLine(out, r, widths));
        out.flush();
    }

    private static List<String> cells(List<String> row) {
        return row.stream().map(TerminalText::escape).toList();
    }

    private static int[] widths(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size() && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(r.get(i)));
            }
        }
        return widths;
    }

    private static void printLine(PrintWriter out, List<String> r, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            String cell = r.get(i);
            line.append(cell);
            if (i < r.size() - 1) {
                line.append(" ".repeat(Math.max(0, (i < widths.length ? widths[i] : 0) - width(cell)) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /**
     * A table printed as its rows come, batch by batch, holding no rows: the header and the first
     * batch fix the column widths; a wider cell in a later batch shifts the rest of its own line only.
     */
    static final class Streaming {
        private final List<String> header;
        private final PrintWriter out;
        private int[] widths;
        private long rows;

        Streaming(List<String> header, PrintWriter out) {
            this.header = cells(header);
            this.out = out;
        }

        /** @param batch the next rows (the first call prints the header too, even for no rows) */
        void add(List<List<String>> batch) {
            List<List<String>> escaped = batch.stream().map(Table::cells).toList();
            if (widths == null) {
                widths = widths(header, escaped);
                printLine(out, header, widths);
            }
            escaped.forEach(r -> printLine(out, r, widths));
            rows += escaped.size();
            out.flush();
        }

        /** @return the rows printed so far */
        long rows() {
            return rows;
        }
    }

    static int width(String s) {
        return s.codePoints().map(Table::columns).sum();
    }

    private static int columns(int cp) {
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
        return b == null ? 1 : wide ? 2 : 1;
    }
}
