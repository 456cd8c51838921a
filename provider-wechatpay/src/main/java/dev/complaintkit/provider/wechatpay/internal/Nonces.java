/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** Random request nonces: 32 characters of {@code 0-9A-Z} from a {@link SecureRandom}. Thread-safe. */
public final class Nonces implements Supplier<String> {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    /** The length of every nonce, as WeChat Pay's own SDKs send. */
    public static final int LENGTH = 32;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "Nonces[32 x 0-9A-Z]";
    }
}
