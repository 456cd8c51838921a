/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring Boot auto-configuration for complaintkit: one {@link dev.complaintkit.ComplaintClient} bean
 * per {@code complaintkit.clients.<name>} (qualified by the name) and a
 * {@link dev.complaintkit.spring.boot.autoconfigure.ComplaintClients} registry; the notification
 * webhook that publishes {@link dev.complaintkit.spring.boot.autoconfigure.ComplaintNotificationEvent}s;
 * a health contributor per client; Micrometer observations when Micrometer is present.
 */
package dev.complaintkit.spring.boot.autoconfigure;
