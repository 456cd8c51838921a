package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.spi.Secret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The list call's wire format: the JSON request body and the {@code data} of the answer. */
final class ListCodec {
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
     * @param data the answer's {@code data}
     * @param page the page asked for
     * @return the page, with {@code total} when Xiaoe sent it
     * @throws ProviderException when {@code data} is not a list answer or a row is unreadable
     */
    static Page<Complaint> decode(JsonNode data, PageRequest page) {
        if (data == null || !data.isObject()) {
            throw new ProviderException(Answers.PROVIDER, Answers.BAD_RESPONSE,
                    "list complaints: the answer has code 0 but no data object", false);
        }
        JsonNode list = data.get("list");
        List<Complaint> items = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ProviderException(Answers.PROVIDER, Answers.BAD_RESPONSE,
                        "list complaints: data.list is not an array", false);
            }
            for (int i = 0; i < list.size(); i++) {
                try {
                    items.add(ComplaintRows.toComplaint(list.get(i), Answers.PROVIDER));
                } catch (IllegalArgumentException e) {
                    throw new ProviderException(Answers.PROVIDER, Answers.BAD_RESPONSE,
                            "list complaints: row " + i + " of page " + page.pageNumber() + " is unreadable: " + e.getMessage(),
                            false);
                }
            }
        }
        OptionalLong total = Scalars.integer(data.get("total"));
        return new Page<>(items, page, total.isPresent() && total.getAsLong() >= 0 ? total : OptionalLong.empty());
    }
}
