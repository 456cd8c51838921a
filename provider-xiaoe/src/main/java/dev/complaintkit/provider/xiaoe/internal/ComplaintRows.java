package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps one row of {@code data.list} onto a {@link Complaint}. Unknown fields are ignored; every
 * scalar may be a number or a string; codes this version does not know keep their raw value in
 * {@link Complaint#extra()}.
 */
final class ComplaintRows {
    /** Extra field: where the complaint came from, Xiaoe's code ({@code complaint_from}). */
    static final String COMPLAINT_FROM = "complaint_from";
    /** Extra field: a readable name for {@link #COMPLAINT_FROM}, when the code is known. */
    static final String COMPLAINT_FROM_NAME = "complaint_from_name";
    /** Extra field: the processing step ({@code current_step}). */
    static final String CURRENT_STEP = "current_step";
    /** Extra field: a readable name for {@link #CURRENT_STEP}, when known. */
    static final String CURRENT_STEP_NAME = "current_step_name";
    /** Extra field: hours allowed for handling ({@code time_limit}). */
    static final String TIME_LIMIT = "time_limit";

    private static final Map<Long, String> SOURCES = Map.ofEntries(
            Map.entry(101L, "H5 shop"),
            Map.entry(102L, "WeChat mini program"),
            Map.entry(103L, "PC shop"),
            Map.entry(104L, "E-Live (鹅直播) mini program"),
            Map.entry(105L, "E-Circle (鹅圈子) mini program"),
            Map.entry(106L, "E-Check-in (鹅打卡) mini program"),
            Map.entry(107L, "Channels (视频号) shop"),
            Map.entry(201L, "external: WeChat Pay complaint"),
            Map.entry(202L, "external: Alipay complaint"),
            Map.entry(203L, "external: 400 hotline / IM"),
            Map.entry(204L, "external: market regulator (工商)"),
            Map.entry(205L, "external: 315 complaint"),
            Map.entry(206L, "external: Douyin pay"),
            Map.entry(207L, "external: Black Cat (黑猫)"),
            Map.entry(208L, "external: WeChat platform"),
            Map.entry(209L, "external: 12345 hotline"),
            Map.entry(10L, "external: complaint e-mail"));

    private static final Map<Long, String> STEPS = Map.of(
            1L, "new complaint",
            2L, "merchant replied",
            3L, "entered by Xiaoe",
            4L, "Xiaoe check failed",
            5L, "closed by Xiaoe",
            6L, "imported from a third party");

    private ComplaintRows() {}

    /**
     * @param row one element of {@code data.list}
     * @param providerId the id to tag the complaint with
     * @return the complaint
     * @throws IllegalArgumentException when the row lacks an id or a readable complaint time
     */
    static Complaint toComplaint(JsonNode row, String providerId) {
        if (row == null || !row.isObject()) {
            throw new IllegalArgumentException("a row is not an object");
        }
        String id = Scalars.text(row.get("complaint_id"));
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a row has no complaint_id");
        }
        Map<String, String> extra = new HashMap<>();

        OptionalLong stateCode = Scalars.integer(row.get("state"));
        ComplaintState state = stateCode.isPresent() ? state(stateCode.getAsLong()) : ComplaintState.UNKNOWN;
        if (state == ComplaintState.UNKNOWN) {
            putRaw(extra, "state", row.get("state"));
        }

        OptionalLong channelCode = Scalars.integer(row.get("channel_type"));
        Channel channel = channelCode.isPresent() ? channel(channelCode.getAsLong()) : Channel.UNKNOWN;
        if (channel == Channel.UNKNOWN) {
            putRaw(extra, "channel_type", row.get("channel_type"));
        }

        OffsetDateTime complainedAt;
        try {
            complainedAt = Scalars.time(row.get("complaint_time"))
                    .orElseThrow(() -> new IllegalArgumentException("has no complaint_time"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("complaint " + id + ": complaint_time " + e.getMessage(), e);
        }

        OptionalLong overtime = Scalars.integer(row.get("is_overtime"));
        boolean overdue = overtime.isPresent() && overtime.getAsLong() == 2;
        if (overtime.isEmpty() || (overtime.getAsLong() != 1 && overtime.getAsLong() != 2)) {
            putRaw(extra, "is_overtime", row.get("is_overtime"));
        }

        Optional<OffsetDateTime> deadline = optionalTime(row, "operate_end_time", extra);
        Optional<OffsetDateTime> closedAt = optionalTime(row, "closed_at", extra);

        OptionalLong from = Scalars.integer(row.get(COMPLAINT_FROM));
        putRaw(extra, COMPLAINT_FROM, row.get(COMPLAINT_FROM));
        if (from.isPresent() && SOURCES.containsKey(from.getAsLong())) {
            extra.put(COMPLAINT_FROM_NAME, SOURCES.get(from.getAsLong()));
        }
        OptionalLong step = Scalars.integer(row.get(CURRENT_STEP));
        putRaw(extra, CURRENT_STEP, row.get(CURRENT_STEP));
        if (step.isPresent() && STEPS.containsKey(step.getAsLong())) {
            extra.put(CURRENT_STEP_NAME, STEPS.get(step.getAsLong()));
        }
        putRaw(extra, TIME_LIMIT, row.get(TIME_LIMIT));
        putRaw(extra, "complaint_type", row.get("complaint_type"));
        putRaw(extra, "complaint_resource_type", row.get("complaint_resource_type"));
        putRaw(extra, "operate_time", row.get("operate_time"));

        return new Complaint(ComplaintId.of(id), providerId, state, channel,
                Scalars.text(row.get("complaint_reason")), complainedAt, deadline, overdue, closedAt,
                Scalars.text(row.get("complainant_phone")), Scalars.text(row.get("complaint_resource_id")), extra);
    }

    /** An optional time: a placeholder before 1971 is absent; an unreadable one is absent with its raw text kept. */
    private static Optional<OffsetDateTime> optionalTime(JsonNode row, String field, Map<String, String> extra) {
        try {
            return Scalars.realTime(Scalars.time(row.get(field)));
        } catch (IllegalArgumentException e) {
            putRaw(extra, field, row.get(field));
            return Optional.empty();
        }
    }

    private static void putRaw(Map<String, String> extra, String field, JsonNode value) {
        String t = Scalars.text(value);
        if (t != null) {
            extra.put(field, t);
        }
    }

    /** @return Xiaoe's {@code state} code as a state: 0 pending, 1 processing, 2 processed */
    static ComplaintState state(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 99))) {
            case 0 -> ComplaintState.PENDING;
            case 1 -> ComplaintState.PROCESSING;
            case 2 -> ComplaintState.PROCESSED;
            default -> ComplaintState.UNKNOWN;
        };
    }

    /** @return Xiaoe's {@code channel_type} as a channel: 1 shop, 2 Xiaoe platform, 3 WeChat Pay, 4 Alipay */
    static Channel channel(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 99))) {
            case 1 -> Channel.SHOP;
            case 2 -> Channel.PLATFORM;
            case 3 -> Channel.WECHAT_PAY;
            case 4 -> Channel.ALIPAY;
            default -> Channel.UNKNOWN;
        };
    }

    /** @return the state's code for a filter; {@code -1} for {@link ComplaintState#UNKNOWN} */
    static int stateCode(ComplaintState state) {
        return switch (state) {
            case PENDING -> 0;
            case PROCESSING -> 1;
            case PROCESSED -> 2;
            case UNKNOWN -> -1;
        };
    }

    /** @return the channel's {@code channel_type} for a filter; {@code -1} for {@link Channel#UNKNOWN} */
    static int channelCode(Channel channel) {
        return switch (channel) {
            case SHOP -> 1;
            case PLATFORM -> 2;
            case WECHAT_PAY -> 3;
            case ALIPAY -> 4;
            case UNKNOWN -> -1;
        };
    }
}
