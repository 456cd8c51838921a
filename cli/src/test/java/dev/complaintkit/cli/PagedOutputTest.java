/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PagedOutputTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Main main = new Main();

    PagedOutputTest() {
        main.out = new PrintWriter(out, true);
        main.err = new PrintWriter(err, true);
    }

    /** The rows 0..count-1 as a lazy stream that notes, for each row pulled, how many lines stdout held then. */
    private static final class Rows implements Iterator<Integer> {
        final int count;
        final StringWriter out;
        final List<Long> linesWhenPulled = new ArrayList<>();
        boolean closed;

        Rows(int count, StringWriter out) {
            this.count = count;
            this.out = out;
        }

        @Override
        public boolean hasNext() {
            return linesWhenPulled.size() < count;
        }

        @Override
        public Integer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            linesWhenPulled.add(out.toString().lines().count());
            return linesWhenPulled.size() - 1;
        }

        Stream<Integer> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                    .onClose(() -> closed = true);
        }
    }

    private PagingOptions paging(Integer max, int pageSize) {
        PagingOptions p = new PagingOptions();
        p.max = max;
        p.pageSize = pageSize;
        return p;
    }

    private int print(Rows rows, boolean json, PagingOptions paging, int[] sizeAsked) throws Exception {
        return print(rows, json ? OutputOptions.Format.json : OutputOptions.Format.table, false, paging, sizeAsked);
    }

    private int print(Rows rows, OutputOptions.Format format, boolean bom, PagingOptions paging, int[] sizeAsked) throws Exception {
        return new PagedOutput(main, format, bom, paging).printAll(size -> {
            sizeAsked[0] = size;
            return rows.stream();
        }, new PagedOutput.RowFormat<Integer>(i -> Map.of("n", i), List.of("n"), List.of("N"), i -> List.of(Integer.toString(i))));
    }

    /** A writer that counts its flushes and the lines written when each happened. */
    private static final class Flushes extends java.io.Writer {
        final StringWriter text;
        final List<Long> linesAtFlush = new ArrayList<>();

        Flushes(StringWriter text) {
            this.text = text;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            text.write(buf, off, len);
        }

        @Override
        public void flush() {
            linesAtFlush.add(text.toString().lines().count());
        }

        @Override
        public void close() {}
    }

    @Test
    @DisplayName("jsonl and csv write each row the moment it is pulled (row n is out before row n+1 is pulled) and flush at each page's end")
    void jsonlAndCsvStreamRowByRow() throws Exception {
        for (OutputOptions.Format format : List.of(OutputOptions.Format.jsonl, OutputOptions.Format.csv)) {
            out.getBuffer().setLength(0);
            Flushes flushes = new Flushes(out);
            main.out = new PrintWriter(flushes, false);
            Rows rows = new Rows(250, out);
            int header = format == OutputOptions.Format.csv ? 1 : 0;

            assertThat(print(rows, format, false, paging(null, 100), new int[1])).isZero();

            // a PrintWriter without autoflush buffers nothing itself: each row reaches the writer when written
            assertThat(rows.linesWhenPulled.get(0)).isZero();
            for (int n = 1; n < 250; n++) {
                assertThat(rows.linesWhenPulled.get(n)).as("%s: lines out when row %d was pulled", format, n).isEqualTo(n + header);
            }
            assertThat(flushes.linesAtFlush).as(format.name()).startsWith(100L + header, 200L + header, 250L + header);
            assertThat(rows.closed).isTrue();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(250 + header);
            if (format == OutputOptions.Format.csv) {
                assertThat(out.toString()).startsWith("n\r\n0\r\n1\r\n").endsWith("249\r\n");
            } else {
                assertThat(lines.get(7)).isEqualTo("{\"n\":7}");
            }
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("csv: no rows is the header alone; --csv-bom puts U+FEFF before it; jsonl: no rows is no output")
    void csvHeaderAndBom() throws Exception {
        print(new Rows(0, out), OutputOptions.Format.csv, false, paging(null, 100), new int[1]);
        assertThat(out.toString()).isEqualTo("n\r\n");

        out.getBuffer().setLength(0);
        print(new Rows(2, out), OutputOptions.Format.csv, true, paging(null, 100), new int[1]);
        assertThat(out.toString()).isEqualTo("\uFEFFn\r\n0\r\n1\r\n");

        out.getBuffer().setLength(0);
        print(new Rows(0, out), OutputOptions.Format.jsonl, false, paging(null, 100), new int[1]);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("jsonl and csv: --max pulls no row past it; progress counts pages as for the table")
    void jsonlMaxAndProgress() throws Exception {
        Rows rows = new Rows(1000, out);
        print(rows, OutputOptions.Format.jsonl, false, paging(7, 5), new int[1]);
        assertThat(rows.linesWhenPulled).hasSize(7);
        assertThat(out.toString().lines()).hasSize(7);

        out.getBuffer().setLength(0);
        main.progressAfter = Duration.ZERO;
        print(new Rows(250, out), OutputOptions.Format.csv, false, paging(null, 100), new int[1]);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.subList(0, 2)).containsExactly("fetching: 1 page, 100 rows so far", "fetching: 2 pages, 200 rows so far");
        assertThat(lines.get(2)).startsWith("fetched 250 rows in 3 pages (");
    }

    @Test
    @DisplayName("a page's rows are on stdout before the first row of the next page is pulled from the stream, which is closed after")
    void printsEachPageBeforePullingTheNext() throws Exception {
        Rows rows = new Rows(250, out);
        int[] size = {0};

        assertThat(print(rows, false, paging(null, 100), size)).isZero();

        assertThat(size[0]).isEqualTo(100);
        assertThat(rows.linesWhenPulled.get(0)).isZero();
        assertThat(rows.linesWhenPulled.get(99)).isZero();
        assertThat(rows.linesWhenPulled.get(100)).isEqualTo(101); // the header and the first page
        assertThat(rows.linesWhenPulled.get(200)).isEqualTo(201);
        assertThat(out.toString().lines().toList()).hasSize(252).last().isEqualTo("(250 rows)");
        assertThat(rows.closed).isTrue();
    }

    @Test
    @DisplayName("--max asks for pages no larger than itself and pulls no row past it")
    void maxStopsPullingRows() throws Exception {
        Rows rows = new Rows(1000, out);
        int[] size = {0};

        print(rows, true, paging(7, 5), size);

        assertThat(size[0]).isEqualTo(5);
        assertThat(rows.linesWhenPulled).hasSize(7);
        assertThat(Main.JSON.readTree(out.toString())).hasSize(7);

        Rows few = new Rows(1000, out);
        print(few, false, paging(3, 100), size);
        assertThat(size[0]).isEqualTo(3);
        assertThat(few.linesWhenPulled).hasSize(3);
    }

    @Test
    @DisplayName("no rows prints the table's header and (0 rows), or an empty JSON array")
    void noRows() throws Exception {
        int[] size = {0};

        print(new Rows(0, out), false, paging(null, 100), size);
        assertThat(out.toString().lines().toList()).containsExactly("N", "(0 rows)");

        out.getBuffer().setLength(0);
        print(new Rows(0, out), true, paging(null, 100), size);
        JsonNode array = Main.JSON.readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("progress counts the pages of the stream: a full page means another is fetched, a short one ends it")
    void progressCountsPages() throws Exception {
        main.progressAfter = Duration.ZERO;

        print(new Rows(250, out), true, paging(null, 100), new int[1]);

        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).containsExactly("fetching: 1 page, 100 rows so far", "fetching: 2 pages, 200 rows so far");
        assertThat(lines.get(2)).startsWith("fetched 250 rows in 3 pages (");
        assertThat(Main.JSON.readTree(out.toString())).hasSize(250);
    }
}
