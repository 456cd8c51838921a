/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/**
 * Converts SM2 signatures between Allinpay's wire form, raw {@code r‖s} (32 + 32 bytes), and the
 * DER {@code SEQUENCE {INTEGER r, INTEGER s}} the JCA works with.
 */
final class Sm2Signatures {
    /** Length of one component (the sm2p256v1 order is 256 bits). */
    static final int COMPONENT = 32;

    private Sm2Signatures() {}

    /**
     * @param der a DER signature
     * @return the 64-byte raw form
     * @throws IllegalArgumentException when it is not a DER pair of 256-bit integers
     */
    static byte[] derToRaw(byte[] der) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER signature");
        }
        if (seq.size() != 2) {
            throw new IllegalArgumentException("not a DER pair");
        }
        byte[] raw = new byte[2 * COMPONENT];
        put(ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(), raw, 0);
        put(ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue(), raw, COMPONENT);
        return raw;
    }

    private static void put(BigInteger v, byte[] raw, int at) {
        if (v.signum() <= 0 || v.bitLength() > 8 * COMPONENT) {
            throw new IllegalArgumentException("component out of range");
        }
        System.arraycopy(BigIntegers.asUnsignedByteArray(COMPONENT, v), 0, raw, at, COMPONENT);
    }

    /**
     * @param raw the 64-byte raw form
     * @return the DER form
     * @throws IllegalArgumentException when it is not 64 bytes
     */
    static byte[] rawToDer(byte[] raw) {
        if (raw.length != 2 * COMPONENT) {
            throw new IllegalArgumentException("a raw SM2 signature has " + 2 * COMPONENT + " bytes, not " + raw.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, COMPONENT));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, COMPONENT, 2 * COMPONENT));
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }
}
