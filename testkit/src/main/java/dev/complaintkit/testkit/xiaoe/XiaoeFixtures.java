/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.testkit.ComplaintStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recorded Xiaoe-tech data for tests, as class-path resources under
 * {@code /dev/complaintkit/testkit/xiaoe/}:
 * <ul>
 *   <li>{@value #EXAMPLE_RESPONSE}: the example answer of Xiaoe's B-side complaint list document,
 *       verbatim (two complaints, {@code total} 28).</li>
 *   <li>{@value #LARGE_DATA_SET}: {@value #LARGE_DATA_SET_SIZE} generated, realistic rows in the same
 *       shape, covering every state, channel, source ({@code complaint_from}) and step.</li>
 * </ul>
 */
public final class XiaoeFixtures {
    /** The seed document's example answer. */
    public static final String EXAMPLE_RESPONSE = "b-complaints-list-example.json";
    /** The large data set: a JSON array of rows. */
    public static final String LARGE_DATA_SET = "b-complaints-large.json";
    /** How many rows the large data set holds. */
    public static final int LARGE_DATA_SET_SIZE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private XiaoeFixtures() {}

    /** @return the seed document's example answer, as UTF-8 JSON text */
    public static String exampleResponse() {
        return resource(EXAMPLE_RESPONSE);
    }

    /** @return the large data set, as UTF-8 JSON text (an array of rows) */
    public static String largeDataSetJson() {
        return resource(LARGE_DATA_SET);
    }

    /** @return a new store holding the two complaints of the example answer */
    public static ComplaintStore exampleStore() {
        return storeOf(exampleResponse());
    }

    /** @return a new store holding the {@value #LARGE_DATA_SET_SIZE} complaints of the large data set */
    public static ComplaintStore largeDataSet() {
        return storeOf(largeDataSetJson());
    }

    /**
     * Reads Xiaoe rows into a store.
     *
     * @param json an answer ({@code {code, data:{list}}}), a {@code data} object, or an array of rows
     * @return a new store holding them, in order
     */
    public static ComplaintStore storeOf(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode rows = root.isArray() ? root
                : root.has("data") ? root.path("data").path("list")
                : root.path("list");
        if (!rows.isArray()) {
            throw new IllegalArgumentException("no rows found: expected an array, {list:[…]} or {data:{list:[…]}}");
        }
        ComplaintStore store = ComplaintStore.create();
        for (JsonNode row : rows) {
            store.add(XiaoeRows.fromRow(row), List.of());
        }
        return store;
    }

    private static String resource(String name) {
        try (InputStream in = XiaoeFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test-kit resource dev/complaintkit/testkit/xiaoe/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
