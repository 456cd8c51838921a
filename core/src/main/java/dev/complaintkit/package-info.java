/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The entry point: {@link dev.complaintkit.Complaints} finds providers and builds a
 * {@link dev.complaintkit.ComplaintClient}, which carries a complaint through its whole lifecycle —
 * list, detail, history, reply, complete, refund decision, images, notifications — on any provider.
 * Beside them the value types users set: {@link dev.complaintkit.RetryPolicy},
 * {@link dev.complaintkit.Capability}, {@link dev.complaintkit.Secret} and
 * {@link dev.complaintkit.ProcessedNotifications}.
 */
package dev.complaintkit;
