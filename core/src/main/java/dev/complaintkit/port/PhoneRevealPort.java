/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.model.RevealedPhone;

/**
 * Decrypts a complainant's encrypted phone number (capability {@code REVEAL_PHONE}), only when the
 * user asks for it. No I/O: WeChat Pay encrypts under the merchant's own key.
 */
public interface PhoneRevealPort extends ComplaintQueryPort {

    /**
     * @param ciphertext the encrypted number exactly as sent
     * @return the number
     * @throws dev.complaintkit.error.SignatureException when it cannot be decrypted with the configured key
     */
    RevealedPhone revealPhone(String ciphertext);
}
