/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The two API tiers below the public API: {@link dev.complaintkit.annotation.InternalApi} and {@link dev.complaintkit.annotation.ProtectedApi}. */
package dev.complaintkit.annotation;
