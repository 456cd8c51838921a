/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.Violation;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Character checks for the charsets Yima's messages travel in (not API). */
public final class Texts {
    /** The charset of Yima's XML messages. */
    public static final Charset GBK = Charset.forName("GBK");

    /** How many characters a charset violation lists at most. */
    private static final int MAX_LISTED_CHARACTERS = 5;

    private Texts() {}

    /**
     * @param field the request field, for the violation
     * @param value the text, or null
     * @param charset the charset it must travel in
     * @param note why that charset, e.g. {@code (Yima's XML messages are GBK)}
     * @return a violation listing the characters the charset cannot encode, if any
     */
    public static Optional<Violation> unencodable(String field, String value, Charset charset, String note) {
        List<Integer> bad = unencodable(value, charset, MAX_LISTED_CHARACTERS);
        return bad.isEmpty() ? Optional.empty() : Optional.of(new Violation(field, "charset", "contains "
                + String.join(", ", bad.stream().map(Texts::describe).toList()) + ", which " + charset.name()
                + " cannot encode " + note));
    }

    /**
     * @param text some text
     * @param charset the charset it must travel in
     * @return the first code point the charset cannot encode (a lone surrogate counts), if any
     */
    public static OptionalInt firstUnencodable(String text, Charset charset) {
        List<Integer> all = unencodable(text, charset, 1);
        return all.isEmpty() ? OptionalInt.empty() : OptionalInt.of(all.get(0));
    }

    /**
     * @param text some text
     * @param charset the charset it must travel in
     * @param max at most this many are returned
     * @return the distinct code points the charset cannot encode, in order of appearance
     */
    public static List<Integer> unencodable(String text, Charset charset, int max) {
        List<Integer> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(text)) {
            return out;
        }
        for (int i = 0; i < text.length() && out.size() < max; ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean lone = Character.isSurrogate(text.charAt(i)) && n == 1;
            if ((lone || !encoder.canEncode(text.substring(i, i + n))) && !out.contains(cp)) {
                out.add(cp);
            }
            i += n;
        }
        return out;
    }

    /**
     * @param text some text
     * @return the first code point XML 1.0 cannot carry (control characters other than tab, CR, LF;
     *     U+FFFE, U+FFFF), if any
     */
    public static OptionalInt firstNonXml(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        return text.codePoints().filter(cp -> !isXmlChar(cp)).findFirst();
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * @param cp a code point
     * @return e.g. {@code U+1F600 '😀'}, or just {@code U+0001} for invisible ones
     */
    public static String describe(int cp) {
        String code = String.format(Locale.ROOT, "U+%04X", cp);
        boolean visible = Character.isValidCodePoint(cp) && !Character.isISOControl(cp)
                && !(cp >= 0xD800 && cp <= 0xDFFF) && Character.getType(cp) != Character.UNASSIGNED;
        return visible ? code + " '" + new String(Character.toChars(cp)) + "'" : code;
    }
}
