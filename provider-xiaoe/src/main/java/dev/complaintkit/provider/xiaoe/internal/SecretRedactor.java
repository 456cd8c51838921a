/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a text Xiaoe sent back (an error message may echo the request). A secret is
 * found as it is, URL-encoded (any character as {@code %XX} in upper- or lower-case hex, a space as
 * {@code +} or {@code %20}, as {@code application/x-www-form-urlencoded} and RFC 3986 encoders write
 * it) and in Base64 (standard or URL-safe alphabet, padded or not, itself URL-encoded or not).
 * Secrets shorter than {@value #MIN_LENGTH} characters are not looked for: they would match ordinary text.
 */
final class SecretRedactor implements UnaryOperator<String> {
    /** What a secret is replaced with. */
    static final String REDACTED = "<redacted>";
    /** The shortest secret looked for. */
    static final int MIN_LENGTH = 4;

    /** Every form of every secret, longest first; {@code null} when there is none to look for. */
    private final Pattern pattern;

    /** @param secrets the secret values; {@code null} and short ones are ignored */
    SecretRedactor(String... secrets) {
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_LENGTH) {
                continue;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            forms.add(s);
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(utf8)); // also the start of the padded form
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
        }
        forms.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String form : forms.stream().distinct().toList()) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:").append(urlEncodedAnyHow(form)).append(')');
        }
        this.pattern = regex.length() == 0 ? null : Pattern.compile(regex.toString());
    }

    /** @return a regex that matches the text with any of its characters URL-encoded, in any escape case */
    private static String urlEncodedAnyHow(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            out.append("(?:");
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append((char) c);
            } else {
                out.append("\\x{").append(Integer.toHexString(c)).append('}');
            }
            if (c == ' ') {
                out.append("|\\+");
            }
            out.append('|');
            for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(hexDigit((b >> 4) & 0xF)).append(hexDigit(b & 0xF));
            }
            out.append(')');
        });
        return out.toString();
    }

    /** @return a regex for one hex digit in either case */
    private static String hexDigit(int v) {
        char upper = Character.toUpperCase(Character.forDigit(v, 16));
        return v < 10 ? String.valueOf(upper) : "[" + upper + Character.toLowerCase(upper) + "]";
    }

    /**
     * @param text a text from Xiaoe; {@code null} stays {@code null}
     * @return the text with every form of every secret replaced by {@value #REDACTED}
     */
    @Override
    public String apply(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + (pattern == null ? "none" : "secrets") + "]"; // never the pattern: it spells the secrets
    }
}
