/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.SignatureException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies WeChat Pay's signature on an API answer or a notification, fail closed: the message
 * {@code TIMESTAMP\nNONCE\nBODY\n} over the RAW body bytes (empty for a 204), {@code SHA256withRSA}
 * under the key {@code Wechatpay-Serial} names.
 *
 * <p>Every failure is a {@link SignatureException} and the answer must not be used: a missing
 * {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} or {@code -Serial}; a signature
 * type other than {@code WECHATPAY2-SHA256-RSA2048}; a timestamp that is not Unix seconds or is more
 * than the window (5 minutes by default) away from the local clock; an unknown serial; a signature
 * probe ({@code WECHATPAY/SIGNTEST/…}); a signature that is not Base64; one that does not verify.
 * No {@link IllegalArgumentException} escapes. Thread-safe.
 */
public final class AnswerVerifier {
    /** How far an answer's or notification's timestamp may be from the local clock, by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final VerificationKeys keys;
    private final Clock clock;
    private final long windowSeconds;

    /**
     * Verifies against the system clock with the {@linkplain #DEFAULT_WINDOW default window}.
     *
     * @param keys the keys, by serial
     */
    public AnswerVerifier(VerificationKeys keys) {
        this(keys, Clock.systemUTC(), DEFAULT_WINDOW);
    }

    /**
     * @param keys the keys, by serial
     * @param clock the local clock timestamps are compared with
     * @param window how far a timestamp may be from the clock (inclusive); positive
     */
    public AnswerVerifier(VerificationKeys keys, Clock clock, Duration window) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the timestamp window must be positive");
        }
        this.windowSeconds = window.toSeconds();
    }

    /**
     * @param timestamp the {@code Wechatpay-Timestamp} value
     * @param nonce the {@code Wechatpay-Nonce} value
     * @param body the raw body bytes; {@code null} or empty for none
     * @return the verified message {@code TIMESTAMP\nNONCE\nBODY\n}
     */
    public static byte[] message(String timestamp, String nonce, byte[] body) {
        return lines(timestamp + "\n" + nonce + "\n", body);
    }

    /**
     * @param head the lines before the body, each ending in {@code \n}
     * @param body the raw body (may be null: empty)
     * @return {@code head + body + "\n"}, the shape of every APIv3 signed message
     */
    static byte[] lines(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] b = body == null ? new byte[0] : body;
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length + b.length + 1);
        out.writeBytes(h);
        out.writeBytes(b);
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * @param headers looks a header up by name (any case), e.g. {@code response::header}
     * @param body the raw body bytes as received; {@code null} or empty for none
     * @return the serial of the key that verified
     * @throws SignatureException when the answer is not WeChat Pay's, signed now (see the class comment)
     */
    public String verify(Function<String, Optional<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        return verify(header(headers, WechatPayWire.HEADER_TIMESTAMP), header(headers, WechatPayWire.HEADER_NONCE),
                header(headers, WechatPayWire.HEADER_SIGNATURE), header(headers, WechatPayWire.HEADER_SERIAL),
                header(headers, WechatPayWire.HEADER_SIGNATURE_TYPE), body);
    }

    /**
     * @param timestamp {@code Wechatpay-Timestamp}, or {@code null} when absent
     * @param nonce {@code Wechatpay-Nonce}, or {@code null} when absent
     * @param signature {@code Wechatpay-Signature}, or {@code null} when absent
     * @param serial {@code Wechatpay-Serial}, or {@code null} when absent
     * @param signatureType {@code Wechatpay-Signature-Type}, or {@code null} when absent (then RSA is assumed)
     * @param body the raw body bytes as received; {@code null} or empty for none
     * @return the serial of the key that verified
     * @throws SignatureException when the answer is not WeChat Pay's, signed now (see the class comment)
     */
    public String verify(String timestamp, String nonce, String signature, String serial, String signatureType, byte[] body) {
        requirePresent(WechatPayWire.HEADER_TIMESTAMP, timestamp);
        requirePresent(WechatPayWire.HEADER_NONCE, nonce);
        requirePresent(WechatPayWire.HEADER_SIGNATURE, signature);
        requirePresent(WechatPayWire.HEADER_SERIAL, serial);
        if (signatureType != null && !signatureType.isBlank() && !WechatPayWire.SCHEMA.equals(signatureType.trim())) {
            throw failure(WechatPayWire.HEADER_SIGNATURE_TYPE + " '" + WechatPayWire.printable(signatureType)
                    + "' is not supported (only " + WechatPayWire.SCHEMA + ")");
        }
        if (signature.startsWith(WechatPayWire.PROBE_PREFIX)) {
            throw failure("the signature is a WeChat Pay signature probe (" + WechatPayWire.PROBE_PREFIX
                    + "…), treated as a verification failure");
        }
        checkTimestamp(timestamp);
        PublicKey key = keys.find(serial).orElseThrow(() -> failure(WechatPayWire.HEADER_SERIAL + " '"
                + WechatPayWire.printable(serial) + "' names no configured key (configured: " + keys.serials() + ")"));
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw failure(WechatPayWire.HEADER_SIGNATURE + " is not Base64");
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance(WechatPayWire.SIGNATURE_ALGORITHM);
            s.initVerify(key);
            s.update(message(timestamp, nonce, body));
            ok = s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw failure("the signature does not verify with the key of " + WechatPayWire.HEADER_SERIAL + " '"
                    + WechatPayWire.printable(serial) + "' over the body as received");
        }
        return serial;
    }

    private void checkTimestamp(String timestamp) {
        String t = timestamp.trim();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw failure(WechatPayWire.HEADER_TIMESTAMP + " '" + WechatPayWire.printable(timestamp) + "' is not Unix seconds");
        }
        long skew = Long.parseLong(t) - clock.instant().getEpochSecond();
        if (Math.abs(skew) > windowSeconds) {
            throw failure(WechatPayWire.HEADER_TIMESTAMP + " is " + Math.abs(skew) + " s " + (skew < 0 ? "behind" : "ahead of")
                    + " the local clock, more than the " + windowSeconds + " s allowed; refused as stale or replayed");
        }
    }

    private static String header(Function<String, Optional<String>> headers, String name) {
        Optional<String> v = headers.apply(name);
        return v == null ? null : v.orElse(null);
    }

    private static void requirePresent(String name, String value) {
        if (value == null || value.isBlank()) {
            throw failure("the " + name + " header is missing; the answer is not used (fail closed)");
        }
    }

    private static SignatureException failure(String message) {
        return new SignatureException(WechatPayWire.PROVIDER, message);
    }

    @Override
    public String toString() {
        return "AnswerVerifier[" + keys + ", window=" + windowSeconds + "s]";
    }
}
