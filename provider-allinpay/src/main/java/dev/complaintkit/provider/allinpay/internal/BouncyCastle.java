/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle JCA provider instance this module uses, passed to {@code getInstance}
 * calls directly. It is never added to the JVM's global provider list.
 */
final class BouncyCastle {
    private BouncyCastle() {}

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** @return the shared provider instance, created on first use */
    static Provider provider() {
        return Holder.PROVIDER;
    }
}
