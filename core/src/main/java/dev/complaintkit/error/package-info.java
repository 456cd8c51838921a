/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The error model: one unchecked root, {@link dev.complaintkit.error.ComplaintException}, and a
 * subclass per thing a caller can act on. A provider's error keeps its code and message; no
 * message carries a secret or decrypted personal data.
 */
package dev.complaintkit.error;
