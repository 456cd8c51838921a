/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Prints the rows of a paged query on stdout as they come, never holding more than one page: a
 * table (its widths fixed by the first page) then {@code (N rows)}, or with {@code --output json}
 * one array whose elements are written page by page; with {@code jsonl} and {@code csv} each row is
 * written the moment the stream yields it, and the output flushed at the end of every page, so any
 * number of rows runs in constant memory. Nothing is printed before the first page arrived; a
 * failure after that leaves the rows printed so far, and a JSON array unterminated (not valid JSON).
 */
final class PagedOutput {
    /**
     * How one kind of row is printed.
     *
     * @param view the row as a JSON object ({@code json}, {@code jsonl}, and the CSV fields)
     * @param fields the names of the view's fields, in order: the CSV header
     * @param header the table's header
     * @param cells the row as table cells
     * @param <T> the row type
     */
    record RowFormat<T>(Function<T, Map<String, Object>> view, List<String> fields, List<String> header,
            Function<T, List<String>> cells) {}

    private final Main main;
    private final OutputOptions.Format format;
    private final boolean csvBom;
    private final PagingOptions paging;

    PagedOutput(Main main, OutputOptions.Format format, boolean csvBom, PagingOptions paging) {
        this.main = main;
        this.format = format;
        this.csvBom = csvBom;
        this.paging = paging;
    }

    /**
     * @param query the lazy stream of the rows for a page size (core fetches the next page only when
     *        the stream reaches it)
     * @param rowFormat how a row is printed
     * @return the exit code
     */
    <T> int printAll(IntFunction<Stream<T>> query, RowFormat<T> rowFormat) throws IOException {
        int limit = paging.limit();
        int size = paging.requestSize();
        try (Stream<T> rows = query.apply(size)) {
            Iterator<T> it = rows.iterator();
            switch (format) {
                case json -> json(it, limit, size, rowFormat);
                case jsonl -> {
                    PrintWriter out = main.out;
                    eachRow(it, limit, size, () -> { }, item -> out.println(Main.jsonLine(rowFormat.view().apply(item))), out);
                }
                case csv -> {
                    PrintWriter out = main.csvOut(csvBom);
                    eachRow(it, limit, size, () -> {
                        if (csvBom) {
                            out.print(Csv.BOM);
                        }
                        out.print(Csv.record(rowFormat.fields()));
                    }, item -> out.print(Csv.record(Csv.values(rowFormat.view().apply(item), rowFormat.fields()))), out);
                }
                default -> {
                    Table.Streaming table = new Table.Streaming(rowFormat.header(), main.out);
                    eachPage(it, limit, size, items -> table.add(items.stream().map(rowFormat.cells()).toList()));
                    main.out.println("(" + table.rows() + (table.rows() == 1 ? " row)" : " rows)"));
                }
            }
        }
        main.out.flush();
        return ExitCodes.OK;
    }

    private <T> void json(Iterator<T> it, int limit, int size, RowFormat<T> rowFormat) throws IOException {
        JsonGenerator[] array = {null};
        eachPage(it, limit, size, items -> {
            try {
                if (array[0] == null) {
                    array[0] = Main.JSON.writer().createGenerator(main.out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    array[0].writeStartArray();
                }
                for (T item : items) {
                    Main.JSON.writeValue(array[0], rowFormat.view().apply(item));
                }
                array[0].flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        array[0].writeEndArray();
        array[0].close();
        main.out.println();
    }

    /**
     * Takes the rows page by page until the stream ends or {@code limit} rows are taken, handing each
     * page's rows to {@code sink} (at least once, with no rows when there are none) before the next
     * page is fetched, reporting progress. A page is the next {@code size} rows: a provider's page
     * holds at most the size asked for, and a shorter one ends the stream unless the provider
     * reported a larger total.
     */
    private <T> void eachPage(Iterator<T> rows, int limit, int size, Consumer<List<T>> sink) {
        Main.Progress progress = new Main.Progress(main.err, main.progressAfter, main.interactive);
        long taken = 0;
        boolean handed = false;
        try {
            while (taken < limit && rows.hasNext()) { // hasNext() fetches the next page when this one is used up
                int want = (int) Math.min(size, limit - taken);
                List<T> page = new ArrayList<>(want);
                do {
                    page.add(rows.next());
                } while (page.size() < want && rows.hasNext());
                progress.clear();
                sink.accept(page);
                handed = true;
                taken += page.size();
                progress.page(taken, taken < limit && page.size() == size);
            }
            if (!handed) {
                progress.clear();
                sink.accept(List.of());
            }
        } finally {
            progress.done();
        }
    }

    /**
     * Like {@link #eachPage}, but hands over each row the moment the stream yields it, holding none:
     * {@code start} runs before the first row (or at the end when there is none), {@code out} is
     * flushed at the end of every page (every {@code size} rows, and after the last).
     */
    private <T> void eachRow(Iterator<T> rows, int limit, int size, Runnable start, Consumer<T> sink, PrintWriter out) {
        Main.Progress progress = new Main.Progress(main.err, main.progressAfter, main.interactive);
        long taken = 0;
        int inPage = 0;
        try {
            while (taken < limit && rows.hasNext()) { // hasNext() fetches the next page when this one is used up
                T item = rows.next();
                if (inPage == 0) {
                    progress.clear();
                    if (taken == 0) {
                        start.run();
                    }
                }
                sink.accept(item);
                taken++;
                if (++inPage == size) {
                    out.flush();
                    progress.page(taken, taken < limit);
                    inPage = 0;
                }
            }
            if (inPage > 0) {
                out.flush();
                progress.page(taken, false);
            }
            if (taken == 0) {
                progress.clear();
                start.run();
            }
            out.flush();
        } finally {
            progress.done();
        }
    }
}
