/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Core's in-JVM notification store (internal). */
@InternalApi
package dev.complaintkit.internal.notify;

import dev.complaintkit.annotation.InternalApi;
