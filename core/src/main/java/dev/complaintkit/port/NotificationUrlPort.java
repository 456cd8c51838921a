/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import java.util.Optional;

/** Manages the URL the provider sends notifications to (capability {@code NOTIFICATION_URL}). */
public interface NotificationUrlPort {

    /** @return the URL now set, empty when none is */
    Optional<String> notificationUrl();

    /**
     * Sets the URL (creating or replacing it).
     *
     * @param url an HTTPS URL
     * @return the URL as the provider stored it
     */
    String setNotificationUrl(String url);

    /** Removes the URL: the provider sends no more notifications. */
    void deleteNotificationUrl();
}
