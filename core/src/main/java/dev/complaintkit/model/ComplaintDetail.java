/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a provider says about one complaint: the list row plus orders, what the complainant
 * asks for, and the media. Modelled on WeChat Pay's complaint detail, which every aggregator passes
 * through; a field the provider does not send is empty, {@code false} or {@code 0}.
 *
 * @param complaint the fields a list row has
 * @param subMerchant the merchant complained about, for service providers and agents
 *     ({@code complainted_mchid}, Allinpay's {@code merchantNo}); empty for a direct merchant
 * @param orders the orders complained about
 * @param problemType what the complainant asks for
 * @param problemTypeRaw the provider's {@code problem_type} exactly as sent ("" when absent)
 * @param problemDescription the problem the complainant picked ({@code problem_description})
 * @param requestedRefundFen the refund asked for, in fen, when {@code problemType} is {@code REFUND}
 * @param userTags the complainant's tags as sent (e.g. {@code TRUSTED}, {@code HIGH_RISK})
 * @param fullyRefunded whether every order was fully refunded
 * @param userResponsePending whether a message of the complainant waits for an answer
 * @param complaintCount how many times the complainant complained (1, plus one per continuation)
 * @param immediateServiceRequired whether replies must go through the immediate-service channel
 * @param media media attached to the complaint
 * @param phone the complainant's phone, as sent (masked, encrypted or absent)
 * @param extra every other field the provider sent, raw
 */
public record ComplaintDetail(
        Complaint complaint,
        Optional<String> subMerchant,
        List<OrderInfo> orders,
        ProblemType problemType,
        String problemTypeRaw,
        String problemDescription,
        OptionalLong requestedRefundFen,
        List<String> userTags,
        boolean fullyRefunded,
        boolean userResponsePending,
        int complaintCount,
        boolean immediateServiceRequired,
        List<Media> media,
        ComplainantPhone phone,
        Map<String, String> extra) {

    public ComplaintDetail {
        Objects.requireNonNull(complaint, "complaint");
        subMerchant = subMerchant == null ? Optional.empty() : subMerchant.filter(s -> !s.isBlank());
        orders = orders == null ? List.of() : List.copyOf(orders);
        problemType = problemType == null ? ProblemType.NONE : problemType;
        problemTypeRaw = problemTypeRaw == null ? "" : problemTypeRaw;
        problemDescription = problemDescription == null ? "" : problemDescription;
        requestedRefundFen = requestedRefundFen == null ? OptionalLong.empty() : requestedRefundFen;
        userTags = userTags == null ? List.of() : List.copyOf(userTags);
        media = media == null ? List.of() : List.copyOf(media);
        phone = phone == null ? ComplainantPhone.absent() : phone;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** @return the complaint's id */
    public ComplaintId id() {
        return complaint.id();
    }

    /**
     * @param complaint the list row
     * @return a detail with nothing beyond the list row (for providers whose detail adds little)
     */
    public static ComplaintDetail of(Complaint complaint) {
        return new ComplaintDetail(complaint, Optional.empty(), List.of(), ProblemType.NONE, "", "", OptionalLong.empty(),
                List.of(), false, false, 0, false, List.of(), ComplainantPhone.masked(complaint.complainantPhone()), Map.of());
    }
}
