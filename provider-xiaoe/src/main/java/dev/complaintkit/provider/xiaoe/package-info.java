/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Xiaoe-tech (小鹅通) provider: {@link dev.complaintkit.provider.xiaoe.XiaoeProvider}, its
 * settings, {@link dev.complaintkit.provider.xiaoe.XiaoeConfig}, and the token caches and rate
 * limiters clients share, {@link dev.complaintkit.provider.xiaoe.XiaoeSharedState}. Internals (token cache, rate
 * limiter, wire codec) live in {@code dev.complaintkit.provider.xiaoe.internal} and are not API.
 */
package dev.complaintkit.provider.xiaoe;
