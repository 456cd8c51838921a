/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The examples of Yima's {@code risk_complaints_resp} document (the seed), as files on the class
 * path under {@code dev/complaintkit/testkit/yima/}: the JSON request and answer (UTF-8) and the
 * XML request and answer, byte-exact GBK with the seed's layout (line numbers removed, one
 * element per line, {@code \n} line ends).
 */
public final class YimaFixtures {
    /** The seed's JSON request, with its {@code sign}. */
    public static final String REQUEST_JSON = "request.json";
    /** The seed's XML request, GBK bytes. */
    public static final String REQUEST_XML = "request.xml";
    /** The seed's JSON answer, with its {@code sign}. */
    public static final String RESPONSE_JSON = "response.json";
    /** The seed's XML answer, GBK bytes. */
    public static final String RESPONSE_XML = "response.xml";

    private YimaFixtures() {}

    /**
     * @param name one of the constants of this class
     * @return the file's bytes, exactly
     */
    public static byte[] bytes(String name) {
        try (InputStream in = YimaFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no Yima fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
