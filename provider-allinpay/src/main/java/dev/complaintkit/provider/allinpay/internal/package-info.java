/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Allinpay wire format, signers and key parsing. Not API: may change in any release. */
package dev.complaintkit.provider.allinpay.internal;
