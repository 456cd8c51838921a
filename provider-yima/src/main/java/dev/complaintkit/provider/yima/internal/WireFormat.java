/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.Violation;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderContext;
import java.util.List;
import java.util.Map;

/**
 * One of Yima's two wire formats (not API), chosen once when the adapter is created: how a reply's
 * fields are encoded and signed, and how an answer is read and its signature verified.
 */
interface WireFormat {

    /**
     * @param config the validated settings
     * @return the format {@code yima.format} names
     */
    static WireFormat of(YimaConfig config) {
        return config.format() == YimaConfig.Format.XML ? new XmlFormWire(config) : new JsonWire(config);
    }

    /**
     * Adds a violation when a text to be sent cannot travel in this format.
     *
     * @param field the request field, for the violation
     * @param value the text, or null
     * @param violations where to add it
     */
    void checkText(String field, String value, List<Violation> violations);

    /**
     * @param fields the reply's fields in the order Yima's document lists them, without a signature
     * @param context the transport settings (time-out)
     * @return the signed request
     * @throws IllegalArgumentException when a value holds a character the format's charset cannot encode
     */
    HttpTransport.Request request(Map<String, String> fields, ProviderContext context);

    /**
     * @param response an answer of any status
     * @return its fields, signature verified (or unsigned and accepted by {@code yima.response-signature})
     * @throws dev.complaintkit.error.ProviderException {@code INVALID_RESPONSE} when the body is not a
     *     Yima answer in this format
     * @throws dev.complaintkit.error.SignatureException when its signature is wrong, ambiguous or required
     */
    Map<String, Object> read(HttpTransport.Response response);
}
