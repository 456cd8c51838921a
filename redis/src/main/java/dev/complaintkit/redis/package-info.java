/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The shared state of several instances of one back end on Redis: exact sliding-window rate
 * permits, single-flight access tokens and processed-notification ids, through
 * {@link dev.complaintkit.redis.RedisSharedState}.
 */
package dev.complaintkit.redis;
