/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.port.HttpTransport;

/**
 * Wraps the HTTP transport every configured client uses (e.g. to observe each exchange); every
 * bean of this type is applied, in order.
 */
@FunctionalInterface
public interface HttpTransportDecorator {
    /** @param transport the transport so far @return the transport to use */
    HttpTransport decorate(HttpTransport transport);
}
