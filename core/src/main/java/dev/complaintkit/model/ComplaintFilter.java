/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Which complaints to list. Every criterion is optional; {@link #all()} lists everything.
 *
 * @param state only complaints in this state
 * @param channel only complaints raised through this channel
 * @param overdue only overdue ({@code true}) or not overdue ({@code false}) complaints
 * @param from only complaints raised at or after this instant
 * @param to only complaints raised at or before this instant
 * @param complaintId only this complaint
 */
public record ComplaintFilter(
        Optional<ComplaintState> state,
        Optional<Channel> channel,
        Optional<Boolean> overdue,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<ComplaintId> complaintId) {

    public ComplaintFilter {
        state = state == null ? Optional.empty() : state;
        channel = channel == null ? Optional.empty() : channel;
        overdue = overdue == null ? Optional.empty() : overdue;
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        complaintId = complaintId == null ? Optional.empty() : complaintId;
    }

    /** @return a filter that matches every complaint */
    public static ComplaintFilter all() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ComplaintFilter}. */
    public static final class Builder {
        private ComplaintState state;
        private Channel channel;
        private Boolean overdue;
        private Instant from;
        private Instant to;
        private ComplaintId complaintId;

        private Builder() {}

        /**
         * @param state the state
         * @return this
         */
        public Builder state(ComplaintState state) {
            this.state = state;
            return this;
        }

        /**
         * @param channel the channel
         * @return this
         */
        public Builder channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        /**
         * @param overdue whether overdue
         * @return this
         */
        public Builder overdue(boolean overdue) {
            this.overdue = overdue;
            return this;
        }

        /**
         * @param from the earliest complaint time (inclusive)
         * @param to the latest (inclusive)
         * @return this
         */
        public Builder between(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /**
         * @param complaintId one complaint
         * @return this
         */
        public Builder complaintId(String complaintId) {
            this.complaintId = new ComplaintId(complaintId);
            return this;
        }

        /** @return the filter */
        public ComplaintFilter build() {
            return new ComplaintFilter(Optional.ofNullable(state), Optional.ofNullable(channel),
                    Optional.ofNullable(overdue), Optional.ofNullable(from), Optional.ofNullable(to),
                    Optional.ofNullable(complaintId));
        }
    }
}
