/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/** Where a complaint was raised. */
public enum Channel {
    /** The merchant's own shop. */
    SHOP,
    /** The platform the provider runs (e.g. Xiaoe-tech's own complaint desk). */
    PLATFORM,
    /** WeChat Pay consumer complaints (消费者投诉). */
    WECHAT_PAY,
    /** Alipay complaints. */
    ALIPAY,
    /** A channel this version does not know; see the complaint's extra fields. */
    UNKNOWN
}
