/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.OptionalLong;

/**
 * An order a complaint is about.
 *
 * @param transactionId the payment's transaction id ({@code transaction_id}); may be empty
 * @param merchantOrderNo the merchant's own order number ({@code out_trade_no}); may be empty
 * @param amountFen the order amount in fen (1/100 yuan), when the provider says
 */
public record OrderInfo(String transactionId, String merchantOrderNo, OptionalLong amountFen) {
    public OrderInfo {
        transactionId = transactionId == null ? "" : transactionId;
        merchantOrderNo = merchantOrderNo == null ? "" : merchantOrderNo;
        amountFen = amountFen == null ? OptionalLong.empty() : amountFen;
    }
}
