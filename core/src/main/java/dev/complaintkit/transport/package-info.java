/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The default HTTP transport on {@code java.net.http.HttpClient} and the endpoint rule every
 * transport applies (HTTPS, or plain HTTP to literal loopback addresses and {@code localhost}).
 */
package dev.complaintkit.transport;
