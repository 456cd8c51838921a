/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The in-JVM defaults of the shared-state SPI. Not API. */
@InternalApi
package dev.complaintkit.internal.shared;

import dev.complaintkit.annotation.InternalApi;
