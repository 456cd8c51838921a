/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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
 * Prints the rows of a paged query on stdout as the pages come, holding one page at a time: a table
 * (its widths fixed by the first page) then {@code (N rows)}, or with {@code --json} one array whose
 * elements are written page by page. Nothing is printed before the first page arrived; a failure
 * after that leaves the rows printed so far, and a JSON array unterminated (not valid JSON).
 */
final class PagedOutput {
    private final Main main;
    private final boolean json;
    private final PagingOptions paging;

    PagedOutput(Main main, boolean json, PagingOptions paging) {
        this.main = main;
        this.json = json;
        this.paging = paging;
    }

    /**
     * @param query the lazy stream of the rows for a page size (core fetches the next page only when
     *        the stream reaches it)
     * @param view a row as JSON
     * @param header the table's header
     * @param row a row as table cells
     * @return the exit code
     */
    <T> int printAll(IntFunction<Stream<T>> query, Function<T, Map<String, Object>> view,
            List<String> header, Function<T, List<String>> row) throws IOException {
        int limit = paging.limit();
        int size = paging.requestSize();
        try (Stream<T> rows = query.apply(size)) {
            Iterator<T> it = rows.iterator();
            if (json) {
                JsonGenerator[] array = {null};
                fetchAll(it, limit, size, items -> {
                    try {
                        if (array[0] == null) {
                            array[0] = Main.JSON.writer().createGenerator(main.out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                            array[0].writeStartArray();
                        }
                        for (T item : items) {
                            Main.JSON.writeValue(array[0], view.apply(item));
                        }
                        array[0].flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                array[0].writeEndArray();
                array[0].close();
                main.out.println();
            } else {
                Table.Streaming table = new Table.Streaming(header, main.out);
                fetchAll(it, limit, size, items -> table.add(items.stream().map(row).toList()));
                main.out.println("(" + table.rows() + (table.rows() == 1 ? " row)" : " rows)"));
            }
        }
        main.out.flush();
        return ExitCodes.OK;
    }

    /**
     * Takes the rows page by page until the stream ends or {@code limit} rows are taken, handing each
     * page's rows to {@code sink} (at least once, with no rows when there are none) before the next
     * page is fetched, reporting progress. A page is the next {@code size} rows: a provider's page
     * holds at most the size asked for, and a shorter one ends the stream unless the provider
     * reported a larger total.
     *
     * @return the rows handed over
     */
    private <T> long fetchAll(Iterator<T> rows, int limit, int size, Consumer<List<T>> sink) {
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
        return taken;
    }
}
