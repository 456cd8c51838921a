/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * WeChat Pay APIv3 protocol layer: request signing, answer and notification verification,
 * AES-256-GCM and RSA-OAEP decryption, key parsing, error answers. JDK crypto only.
 * Not API: may change in any release.
 */
package dev.complaintkit.provider.wechatpay.internal;
