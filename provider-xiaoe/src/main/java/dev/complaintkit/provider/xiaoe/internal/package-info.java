/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Not API: the Xiaoe adapter, its access-token cache, rate limiter and wire codec. */
package dev.complaintkit.provider.xiaoe.internal;
