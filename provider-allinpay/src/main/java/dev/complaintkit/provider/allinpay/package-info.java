/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Allinpay (通联支付 收银宝) complaint provider: {@link dev.complaintkit.provider.allinpay.AllinpayProvider}
 * and its settings, {@link dev.complaintkit.provider.allinpay.AllinpayConfig}.
 */
package dev.complaintkit.provider.allinpay;
