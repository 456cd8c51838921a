/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Thread-safe, in-memory complaints and their negotiation histories, in the domain model. The
 * {@link FakeComplaintProvider} and every wire simulator serve from a store like this, so one
 * seeded data set can back the fake and a simulator alike.
 */
public final class ComplaintStore {
    private final List<Complaint> complaints = new CopyOnWriteArrayList<>();
    private final Map<ComplaintId, List<NegotiationEntry>> histories = new ConcurrentHashMap<>();

    /** @return an empty store */
    public static ComplaintStore create() {
        return new ComplaintStore();
    }

    /**
     * @param complaint a complaint
     * @param history its negotiation history, oldest first
     * @return this
     */
    public ComplaintStore add(Complaint complaint, List<NegotiationEntry> history) {
        complaints.add(complaint);
        histories.put(complaint.id(), new CopyOnWriteArrayList<>(history));
        return this;
    }

    /**
     * Adds a complaint with only a history (for history-only providers): a pending WeChat Pay complaint.
     *
     * @param id the complaint id
     * @param history its history, oldest first
     * @return this
     */
    public ComplaintStore addHistory(String id, List<NegotiationEntry> history) {
        OffsetDateTime at = history.isEmpty() ? OffsetDateTime.of(2024, 4, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8))
                : history.get(0).time();
        return add(new Complaint(ComplaintId.of(id), "store", ComplaintState.PENDING, Channel.WECHAT_PAY, "", at,
                Optional.empty(), false, Optional.empty(), "", "", Map.of()), history);
    }

    /**
     * Adds generated, realistic complaints: states, channels and overdue flags rotate; every
     * {@link OperationType} appears in the histories; every third row carries media. Deterministic.
     *
     * @param count how many complaints
     * @param historyPerComplaint history rows per complaint
     * @return this
     */
    public ComplaintStore seed(int count, int historyPerComplaint) {
        OperationType[] types = OperationType.values();
        ComplaintState[] states = {ComplaintState.PENDING, ComplaintState.PROCESSING, ComplaintState.PROCESSED};
        Channel[] channels = {Channel.SHOP, Channel.PLATFORM, Channel.WECHAT_PAY, Channel.ALIPAY};
        OffsetDateTime base = OffsetDateTime.of(2024, 4, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        int start = complaints.size();
        for (int i = start; i < start + count; i++) {
            OffsetDateTime at = base.plusHours(7L * i);
            ComplaintState state = states[i % states.length];
            ComplaintId id = ComplaintId.of(String.format("2002018202404%014d", i));
            Complaint c = new Complaint(id, "store", state, channels[i % channels.length], "投诉原因 #" + i, at,
                    Optional.of(at.plusHours(72)), i % 5 == 0,
                    state == ComplaintState.PROCESSED ? Optional.of(at.plusHours(30)) : Optional.empty(),
                    String.format("188****%04d", i % 10_000), "order-" + i, Map.of("seq", Integer.toString(i)));
            add(c, generatedHistory(i, at, historyPerComplaint, types));
        }
        return this;
    }

    private static List<NegotiationEntry> generatedHistory(int i, OffsetDateTime at, int rows, OperationType[] types) {
        List<NegotiationEntry> history = new ArrayList<>();
        for (int h = 0; h < rows; h++) {
            OperationType t = types[(i + h) % (types.length - 1)]; // every known type, never UNKNOWN
            history.add(new NegotiationEntry(String.format("3002%012d%06d", i, h), h % 2 == 0 ? "投诉人" : "商户",
                    at.plusMinutes(10L * h), t, t.name(), "操作内容 " + h,
                    h % 3 == 0 ? List.of(new Media("USER_COMPLAINT_IMAGE",
                            List.of("https://api.mch.weixin.qq.com/v3/merchant-service/images/" + i + "-" + h)))
                            : List.of(),
                    h % 4 == 1 ? List.of("https://api.mch.weixin.qq.com/v3/merchant-service/images/p" + i + "-" + h) : List.of()));
        }
        return history;
    }

    /** @return the complaints, in insertion order */
    public List<Complaint> complaints() {
        return List.copyOf(complaints);
    }

    /**
     * @param id a complaint
     * @return whether the store holds it
     */
    /**
     * Replaces a complaint (e.g. with a new state), keeping its place and history.
     *
     * @param id the complaint
     * @param change what to make of it
     * @return the new complaint
     * @throws IllegalArgumentException when there is no such complaint
     */
    public synchronized Complaint update(ComplaintId id, java.util.function.UnaryOperator<Complaint> change) {
        for (int i = 0; i < complaints.size(); i++) {
            if (complaints.get(i).id().equals(id)) {
                Complaint updated = change.apply(complaints.get(i));
                complaints.set(i, updated);
                return updated;
            }
        }
        throw new IllegalArgumentException("no complaint " + id);
    }

    /**
     * @param id a complaint
     * @return it, when held
     */
    public Optional<Complaint> find(ComplaintId id) {
        return complaints.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public boolean contains(ComplaintId id) {
        return histories.containsKey(id);
    }

    /**
     * @param id a complaint
     * @return its history, or empty when unknown
     */
    public Optional<List<NegotiationEntry>> history(ComplaintId id) {
        List<NegotiationEntry> h = histories.get(id);
        return h == null ? Optional.empty() : Optional.of(List.copyOf(h));
    }

    /**
     * @param id a known complaint
     * @param entry a row to append (e.g. a merchant's reply)
     */
    public void append(ComplaintId id, NegotiationEntry entry) {
        List<NegotiationEntry> h = histories.get(id);
        if (h == null) {
            throw new IllegalArgumentException("no complaint " + id);
        }
        h.add(entry);
    }

    /** @return every history, by complaint id, in insertion order */
    public Map<ComplaintId, List<NegotiationEntry>> histories() {
        Map<ComplaintId, List<NegotiationEntry>> out = new LinkedHashMap<>();
        complaints.forEach(c -> out.put(c.id(), List.copyOf(histories.get(c.id()))));
        return out;
    }

    /** Removes everything. */
    public void clear() {
        complaints.clear();
        histories.clear();
    }

    @Override
    public String toString() {
        return "ComplaintStore[" + complaints.size() + " complaints]";
    }
}
