/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Micrometer observations for complaintkit, usable with or without Spring: {@link
 * dev.complaintkit.micrometer.ObservationClientObserver} observes every client call as
 * {@code complaintkit.client.requests}, {@link dev.complaintkit.micrometer.ObservedHttpTransport}
 * every HTTP exchange as {@code http.client.requests}.
 *
 * <pre>{@code
 * ObservationRegistry registry = ...; // with a meter or tracing handler
 * ComplaintClient client = Complaints.builder()
 *         .config(config)
 *         .name("shop1")
 *         .observer(new ObservationClientObserver(registry))
 *         .transport(new ObservedHttpTransport(JdkHttpTransport.shared(), registry))
 *         .build();
 * }</pre>
 */
package dev.complaintkit.micrometer;
