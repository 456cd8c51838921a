/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The merchant's answer to a refund request (WeChat Pay {@code update-refund-progress}): approve,
 * optionally saying in how many working days the refund starts, or reject with a reason and up to
 * four images. Build with {@link #approve(ComplaintRef)} or {@link #reject(ComplaintRef)}; the
 * record accepts any values and the client checks which fields go with which action.
 *
 * <p>Approving does not move money: the merchant still refunds through the payment API, and the
 * complaint closes when the refund arrives.
 *
 * @param complaint the complaint
 * @param action approve or reject
 * @param refundInDays with {@code APPROVE} only: working days until the refund starts (0 = today)
 * @param rejectReason with {@code REJECT} only: why (at most 200 characters)
 * @param rejectImageMediaIds with {@code REJECT} only: up to 4 image media ids
 * @param remark a note for the provider's support staff (at most 200 characters)
 */
public record RefundDecision(
        ComplaintRef complaint,
        Action action,
        OptionalInt refundInDays,
        Optional<String> rejectReason,
        List<String> rejectImageMediaIds,
        Optional<String> remark) {

    /** Approve or reject. */
    public enum Action {
        /** Agree to refund. */
        APPROVE,
        /** Refuse the refund. */
        REJECT
    }

    public RefundDecision {
        refundInDays = refundInDays == null ? OptionalInt.empty() : refundInDays;
        rejectReason = rejectReason == null ? Optional.empty() : rejectReason;
        rejectImageMediaIds = rejectImageMediaIds == null ? List.of() : List.copyOf(rejectImageMediaIds);
        remark = remark == null ? Optional.empty() : remark;
    }

    /**
     * @param complaint the complaint
     * @return a builder for an approval
     */
    public static Builder approve(ComplaintRef complaint) {
        return new Builder(complaint, Action.APPROVE);
    }

    /**
     * @param complaint the complaint
     * @return a builder for a rejection
     */
    public static Builder reject(ComplaintRef complaint) {
        return new Builder(complaint, Action.REJECT);
    }

    /** Builder for {@link RefundDecision}. */
    public static final class Builder {
        private final ComplaintRef complaint;
        private final Action action;
        private Integer refundInDays;
        private String reason;
        private final List<String> images = new ArrayList<>();
        private String remark;

        private Builder(ComplaintRef complaint, Action action) {
            this.complaint = complaint;
            this.action = action;
        }

        /**
         * @param days working days until the refund starts (approvals only)
         * @return this
         */
        public Builder refundInDays(int days) {
            this.refundInDays = days;
            return this;
        }

        /**
         * @param reason why the refund is refused (rejections only)
         * @return this
         */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * @param mediaId an image media id backing a rejection
         * @return this
         */
        public Builder image(String mediaId) {
            images.add(mediaId);
            return this;
        }

        /**
         * @param remark a note for the provider's support staff
         * @return this
         */
        public Builder remark(String remark) {
            this.remark = remark;
            return this;
        }

        /** @return the decision (not yet validated) */
        public RefundDecision build() {
            return new RefundDecision(complaint, action,
                    refundInDays == null ? OptionalInt.empty() : OptionalInt.of(refundInDays),
                    Optional.ofNullable(reason), images, Optional.ofNullable(remark));
        }
    }
}
