/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.support.HttpAnswers;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The list call's wire format: the JSON request body and the {@code data} of the answer. */
final class ListCodec {
    private static final String NO_DATA = "list complaints: the answer has code 0 but no data object";

    private ListCodec() {}

    /**
     * @param token the access token
     * @param filter the (validated) filter
     * @param page the (validated) page; its offset is a multiple of its size
     * @return the UTF-8 JSON body
     */
    static byte[] encode(Secret token, ComplaintFilter filter, PageRequest page) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("access_token", token.reveal());
        body.put("complaint_id", filter.complaintId().map(ComplaintId::value).orElse(""));
        if (filter.state().isPresent()) {
            body.put("state", ComplaintRows.stateCode(filter.state().get()));
        } else {
            body.put("state", ""); // Xiaoe: '' = every state
        }
        body.put("channel_type", filter.channel().map(ComplaintRows::channelCode).orElse(0));
        body.put("is_overtime", filter.overdue().map(o -> o ? 2 : 1).orElse(0));
        filter.from().ifPresent(from -> body.put("start_time", Scalars.wireTime(ceilToSecond(from))));
        filter.to().ifPresent(to -> body.put("end_time", Scalars.wireTime(to.truncatedTo(ChronoUnit.SECONDS))));
        body.put("page", page.pageNumber());
        body.put("page_size", page.size());
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // cannot happen for a tree of strings and numbers; never leak the token-bearing body
            throw new ComplaintException("[xiaoe] could not write the list request body", null, false);
        }
    }

    /** Xiaoe's times have whole seconds: an inclusive lower bound inside a second starts at the next one. */
    private static Instant ceilToSecond(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.SECONDS);
        return floor.equals(at) ? at : floor.plusSeconds(1);
    }

    /**
     * The list answer's {@code data}, read in the same pass as the envelope. What cannot be read is
     * kept as {@code failure} and reported by {@link #decode} only when the answer's code is 0: an
     * error answer may carry any {@code data}.
     */
    static final class ListData {
        private final List<Complaint> items;
        private final Object total;
        private final String failure;

        private ListData(List<Complaint> items, Object total, String failure) {
            this.items = items;
            this.total = total;
            this.failure = failure;
        }
    }

    /**
     * Reads {@code data} straight into complaints: rows are bound field by field from the parser,
     * no tree of the answer is built.
     *
     * @param p a parser on the first token of {@code data}'s value
     * @param page the page asked for, for messages
     * @return what {@code data} held; the parser is left on its last token
     * @throws IOException when the JSON is malformed
     */
    static ListData read(JsonParser p, PageRequest page) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new ListData(List.of(), null, NO_DATA);
        }
        List<Complaint> items = new ArrayList<>();
        Object total = null;
        String failure = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("list")) { // a repeated key replaces the earlier one, as in Jackson's tree
                items = new ArrayList<>();
                failure = null;
                if (t == JsonToken.START_ARRAY) {
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        if (failure == null && i >= page.size()) {
                            items = new ArrayList<>(); // none of the page is kept: the server did not page as asked
                            failure = "list complaints: page " + page.pageNumber() + " has more than the " + page.size()
                                    + " rows asked for (the server ignored page_size)";
                        }
                        if (failure != null) {
                            p.skipChildren();
                            continue;
                        }
                        try {
                            items.add(ComplaintRows.toComplaint(Row.read(p), Answers.PROVIDER));
                        } catch (IllegalArgumentException e) {
                            failure = "list complaints: row " + i + " of page " + page.pageNumber() + " is unreadable: "
                                    + e.getMessage();
                        }
                    }
                } else if (t != JsonToken.VALUE_NULL) {
                    failure = "list complaints: data.list is not an array";
                    p.skipChildren();
                }
            } else if (name.equals("total")) {
                total = Scalars.value(p);
            } else {
                p.skipChildren();
            }
        }
        return new ListData(items, total, failure);
    }

    /**
     * @param data the answer's {@code data} as {@link #read} read it; {@code null} when absent
     * @param page the page asked for
     * @return the page, with {@code total} when Xiaoe sent it
     * @throws ProviderException when {@code data} is not a list answer or a row is unreadable
     */
    static Page<Complaint> decode(ListData data, PageRequest page) {
        String failure = data == null ? NO_DATA : data.failure;
        if (failure != null) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, failure);
        }
        OptionalLong total = Scalars.integer(data.total);
        return new Page<>(data.items, page, total.isPresent() && total.getAsLong() >= 0 ? total : OptionalLong.empty());
    }
}
