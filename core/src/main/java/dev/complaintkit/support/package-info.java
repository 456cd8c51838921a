/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What provider modules share and users should not use ({@link dev.complaintkit.annotation.ProtectedApi}):
 * the answer rules every provider follows.
 */
@ProtectedApi
package dev.complaintkit.support;

import dev.complaintkit.annotation.ProtectedApi;
