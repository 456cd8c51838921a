/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.provider.xiaoe.internal.Row.Field;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps one row of {@code data.list} onto a {@link Complaint}. Unknown fields are ignored; every
 * scalar may be a number or a string; codes this version does not know keep their raw value in
 * {@link Complaint#extra()}.
 */
final class ComplaintRows {
    /** Extra field: a readable name for {@code complaint_from}, when the code is known. */
    static final String COMPLAINT_FROM_NAME = "complaint_from_name";
    /** Extra field: a readable name for {@code current_step}, when known. */
    static final String CURRENT_STEP_NAME = "current_step_name";

    /** Which endpoint a row came from: {@code current_step} is numbered differently by each. */
    enum Endpoint {
        /** {@code xe.b_complaints.list}: 1 new, 2 merchant replied, 3 entered by Xiaoe, 4 Xiaoe check failed, 5 closed by Xiaoe, 6 imported. */
        LIST,
        /** {@code xe.complaint.info.get}: 1 consumer complaint, 2 merchant reply, 3 consumer reply, 4 entered by Xiaoe, 5 imported, 6 closed by Xiaoe. */
        INFO
    }

    /** A code that is absent or not a whole number (no row code is this). */
    private static final long NO_CODE = Long.MIN_VALUE;

    private ComplaintRows() {}

    /**
     * @param row one element of {@code data.list}, as read by {@link Row#read}
     * @param providerId the id to tag the complaint with
     * @return the complaint
     * @throws IllegalArgumentException when the row lacks an id or a readable complaint time
     */
    static Complaint toComplaint(Row row, String providerId) {
        return toComplaint(row, providerId, Endpoint.LIST);
    }

    /**
     * @param row a row, or the detail's {@code data} as a row ({@link Row#of})
     * @param providerId the id to tag the complaint with
     * @param endpoint the endpoint it came from: names {@code current_step} by that endpoint's numbering;
     *     the detail endpoint sends no {@code channel_type}, so its channel comes from {@code complaint_from}
     * @return the complaint
     * @throws IllegalArgumentException when the row lacks an id or a readable complaint time
     */
    static Complaint toComplaint(Row row, String providerId, Endpoint endpoint) {
        String id = Scalars.text(row.get(Field.COMPLAINT_ID));
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a row has no complaint_id");
        }
        Extra extra = new Extra();

        long stateCode = code(row.get(Field.STATE));
        ComplaintState state = stateCode == NO_CODE ? ComplaintState.UNKNOWN : state(stateCode);
        if (state == ComplaintState.UNKNOWN) {
            putRaw(extra, row, Field.STATE);
        }

        long channelCode = code(row.get(Field.CHANNEL_TYPE));
        Channel channel = channelCode == NO_CODE
                ? endpoint == Endpoint.INFO ? channelFrom(code(row.get(Field.COMPLAINT_FROM))) : Channel.UNKNOWN
                : channel(channelCode);
        if (channel == Channel.UNKNOWN) {
            putRaw(extra, row, Field.CHANNEL_TYPE);
        }

        OffsetDateTime complainedAt;
        try {
            complainedAt = Scalars.time(row.get(Field.COMPLAINT_TIME))
                    .orElseThrow(() -> new IllegalArgumentException("has no complaint_time"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("complaint " + id + ": complaint_time " + e.getMessage(), e);
        }

        long overtime = code(row.get(Field.IS_OVERTIME));
        boolean overdue = overtime == 2;
        if (overtime != 1 && overtime != 2) {
            putRaw(extra, row, Field.IS_OVERTIME);
        }

        Optional<OffsetDateTime> deadline = optionalTime(row, Field.OPERATE_END_TIME, extra);
        Optional<OffsetDateTime> closedAt = optionalTime(row, Field.CLOSED_AT, extra);

        putRaw(extra, row, Field.COMPLAINT_FROM);
        String fromName = sourceName(code(row.get(Field.COMPLAINT_FROM)));
        if (fromName != null) {
            extra.put(COMPLAINT_FROM_NAME, fromName);
        }
        putRaw(extra, row, Field.CURRENT_STEP);
        String stepName = endpoint == Endpoint.INFO ? infoStepName(code(row.get(Field.CURRENT_STEP)))
                : stepName(code(row.get(Field.CURRENT_STEP)));
        if (stepName != null) {
            extra.put(CURRENT_STEP_NAME, stepName);
        }
        putRaw(extra, row, Field.TIME_LIMIT);
        putRaw(extra, row, Field.COMPLAINT_TYPE);
        putRaw(extra, row, Field.COMPLAINT_RESOURCE_TYPE);
        putRaw(extra, row, Field.OPERATE_TIME);

        return new Complaint(ComplaintId.of(id), providerId, state, channel,
                Scalars.text(row.get(Field.COMPLAINT_REASON)), complainedAt, deadline, overdue, closedAt,
                Scalars.text(row.get(Field.COMPLAINANT_PHONE)), Scalars.text(row.get(Field.COMPLAINT_RESOURCE_ID)), extra.toMap());
    }

    /** @return the raw value as a whole number, or {@link #NO_CODE} */
    private static long code(Object value) {
        if (value instanceof Long l) {
            return l; // the usual case: no OptionalLong
        }
        OptionalLong n = Scalars.integer(value);
        return n.isPresent() ? n.getAsLong() : NO_CODE;
    }

    /** @return a readable name for Xiaoe's {@code complaint_from} code, {@code null} when unknown */
    static String sourceName(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 1000))) {
            case 101 -> "H5 shop";
            case 102 -> "WeChat mini program";
            case 103 -> "PC shop";
            case 104 -> "E-Live (鹅直播) mini program";
            case 105 -> "E-Circle (鹅圈子) mini program";
            case 106 -> "E-Check-in (鹅打卡) mini program";
            case 107 -> "Channels (视频号) shop";
            case 201 -> "external: WeChat Pay complaint";
            case 202 -> "external: Alipay complaint";
            case 203 -> "external: 400 hotline / IM";
            case 204 -> "external: market regulator (工商)";
            case 205 -> "external: 315 complaint";
            case 206 -> "external: Douyin pay";
            case 207 -> "external: Black Cat (黑猫)";
            case 208 -> "external: WeChat platform";
            case 209 -> "external: 12345 hotline";
            case 10 -> "external: complaint e-mail";
            default -> null;
        };
    }

    /** @return a readable name for Xiaoe's {@code current_step} code, {@code null} when unknown */
    static String stepName(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 1000))) {
            case 1 -> "new complaint";
            case 2 -> "merchant replied";
            case 3 -> "entered by Xiaoe";
            case 4 -> "Xiaoe check failed";
            case 5 -> "closed by Xiaoe";
            case 6 -> "imported from a third party";
            default -> null;
        };
    }

    /** @return a readable name for {@code current_step} as the detail endpoint numbers it, {@code null} when unknown */
    static String infoStepName(long code) {
        return switch ((int) Math.max(-1, Math.min(code, 1000))) {
            case 1 -> "consumer complaint";
            case 2 -> "merchant replied";
            case 3 -> "consumer replied";
            case 4 -> "entered by Xiaoe";
            case 5 -> "imported from a third party";
            case 6 -> "closed by Xiaoe";
            default -> null;
        };
    }

    /**
     * The channel a detail's {@code complaint_from} implies (the detail endpoint sends no
     * {@code channel_type}): 101–107 the shop, 201 and 208 WeChat Pay, 202 Alipay; others unknown.
     */
    static Channel channelFrom(long from) {
        if (from >= 101 && from <= 107) {
            return Channel.SHOP;
        }
        return from == 201 || from == 208 ? Channel.WECHAT_PAY : from == 202 ? Channel.ALIPAY : Channel.UNKNOWN;
    }

    /** An optional time: a placeholder before 1971 is absent; an unreadable one is absent with its raw text kept. */
    private static Optional<OffsetDateTime> optionalTime(Row row, Field field, Extra extra) {
        try {
            return Scalars.realTime(Scalars.time(row.get(field)));
        } catch (IllegalArgumentException e) {
            putRaw(extra, row, field);
            return Optional.empty();
        }
    }

    /** Keeps a field's value, as text under its wire name, in the extras (when it has one). */
    private static void putRaw(Extra extra, Row row, Field field) {
        String t = Scalars.text(row.get(field));
        if (t != null) {
            extra.put(field.wireName(), t);
        }
    }

    /**
     * Collects a row's extra fields straight into an immutable map ({@link Complaint} would copy a
     * {@code HashMap} into one anyway). Every key is put at most once per row.
     */
    private static final class Extra {
        @SuppressWarnings("unchecked")
        private Map.Entry<String, String>[] entries = (Map.Entry<String, String>[]) new Map.Entry<?, ?>[16];
        private int size;

        void put(String key, String value) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = Map.entry(key, value);
        }

        Map<String, String> toMap() {
            return Map.ofEntries(Arrays.copyOf(entries, size));
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
