/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Shared helpers of core and the provider modules (protected tier): not for users. */
@ProtectedApi
package dev.complaintkit.internal.crypto;

import dev.complaintkit.annotation.ProtectedApi;
