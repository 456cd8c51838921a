/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The use cases behind {@code ComplaintClient} (internal: validation before I/O, retries, write
 * reconciliation, lazy paging). Not API.
 */
@InternalApi
package dev.complaintkit.usecase;

import dev.complaintkit.annotation.InternalApi;
