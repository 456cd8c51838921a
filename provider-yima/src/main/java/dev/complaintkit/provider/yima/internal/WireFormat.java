/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import java.util.List;
import java.util.Map;

/**
 * One of Yima's two wire formats (not API), chosen once when the adapter is created: which envelope,
 * signer and codec core's {@link Exchange} runs a request through.
 */
interface WireFormat {

    /**
     * @param config the validated settings
     * @param context transport, clock and time-out
     * @return the format {@code yima.format} names
     */
    static WireFormat of(YimaConfig config, ProviderContext context) {
        return config.format() == YimaConfig.Format.XML ? new XmlFormWire(config, context) : new JsonWire(config, context);
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
     * Signs, encodes and sends a request and reads its answer through core's pipeline.
     *
     * @param fields the request's fields in the order Yima's document lists them, without a signature
     * @return the verified answer (signature, echoes and {@code result.id} checked)
     * @throws ValidationException when a value holds a character the format's charset cannot encode (nothing sent)
     */
    Exchange.Answer send(Map<String, String> fields);

    /** @return the violation of a text the format's charset cannot encode, found while encoding */
    static ValidationException unencodable(String charset, IllegalArgumentException e) {
        return new ValidationException(List.of(new Violation("request", "charset",
                "holds a character " + charset + " cannot encode")));
    }
}
