/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Optional;

/**
 * Which complaint an operation is about: its id and, for service providers and agents, the
 * sub-merchant it belongs to ({@code complainted_mchid}, Allinpay's {@code merchantNo} sent as
 * {@code cusid}). Without a sub-merchant the provider's configured default applies.
 *
 * <p>Any values are accepted here; the client reports a missing id as a violation before sending.
 *
 * @param id the complaint
 * @param subMerchant the sub-merchant, when the caller acts for one
 */
public record ComplaintRef(ComplaintId id, Optional<String> subMerchant) {
    public ComplaintRef {
        subMerchant = subMerchant == null ? Optional.empty() : subMerchant.filter(s -> !s.isBlank());
    }

    /**
     * @param id the complaint id
     * @return a reference without a sub-merchant
     */
    public static ComplaintRef of(String id) {
        return new ComplaintRef(id == null || id.isBlank() ? null : ComplaintId.of(id), Optional.empty());
    }

    /**
     * @param id the complaint
     * @return a reference without a sub-merchant
     */
    public static ComplaintRef of(ComplaintId id) {
        return new ComplaintRef(id, Optional.empty());
    }

    /**
     * @param merchant the sub-merchant
     * @return a copy acting for it
     */
    public ComplaintRef forSubMerchant(String merchant) {
        return new ComplaintRef(id, Optional.ofNullable(merchant));
    }
}
