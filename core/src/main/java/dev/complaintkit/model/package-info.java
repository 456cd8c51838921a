/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The provider-neutral model: immutable records for complaints, their detail and history, the
 * requests that change them (reply, refund decision, image upload) and notifications. Unknown
 * provider values are kept raw ({@code UNKNOWN} plus the wire text), never an error.
 */
package dev.complaintkit.model;
