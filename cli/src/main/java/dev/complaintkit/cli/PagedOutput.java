package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

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

    <T> int printAll(Function<PageRequest, Page<T>> fetch, Function<T, Map<String, Object>> view,
            List<String> header, Function<T, List<String>> row) throws IOException {
        int limit = paging.limit();
        if (json) {
            JsonGenerator[] array = {null};
            fetchAll(fetch, limit, paging.requestSize(), items -> {
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
            fetchAll(fetch, limit, paging.requestSize(), items -> table.add(items.stream().map(row).toList()));
            main.out.println("(" + table.rows() + (table.rows() == 1 ? " row)" : " rows)"));
        }
        main.out.flush();
        return ExitCodes.OK;
    }

    /**
     * Pages until the provider has no more or {@code limit} rows are taken, handing each page's
     * rows to {@code sink} before the next page is fetched, reporting progress.
     *
     * @return the rows handed over
     */
    private <T> long fetchAll(Function<PageRequest, Page<T>> fetch, int limit, int size, Consumer<List<T>> sink) {
        Main.Progress progress = new Main.Progress(main.err, main.progressAfter, main.interactive);
        long taken = 0;
        PageRequest next = PageRequest.first(size);
        OptionalLong total = OptionalLong.empty();
        try {
            while (next != null && taken < limit) {
                Page<T> page = fetch.apply(next);
                if (page.totalCount().isPresent()) {
                    total = page.totalCount();
                } else if (total.isPresent()) {
                    page = new Page<>(page.items(), page.request(), total); // only the first page says
                }
                List<T> items = page.items().size() > limit - taken
                        ? page.items().subList(0, (int) (limit - taken)) : page.items();
                progress.clear();
                sink.accept(items);
                taken += items.size();
                next = taken < limit ? page.nextRequest().orElse(null) : null;
                progress.page(taken, next != null);
            }
        } finally {
            progress.done();
        }
        return taken;
    }
}
