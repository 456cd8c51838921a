/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import dev.complaintkit.testkit.http.ScriptedResponse;
import java.util.Map;

/**
 * One of the two wire formats of the Yima gateway, chosen once per request from its
 * {@code Content-Type}: it reads the request, adds its own field rules, answers in its own shape
 * and re-signs a recorded answer of its shape.
 */
sealed interface WireFormat permits JsonWire, XmlFormWire {

    /**
     * @param contentType the request's {@code Content-Type}, lower case
     * @param json the JSON format
     * @param xmlForm the XML form format
     * @return the form {@code xml=…&mac=…} for a form body, JSON otherwise (which refuses a non-JSON type)
     */
    static WireFormat of(String contentType, JsonWire json, XmlFormWire xmlForm) {
        return contentType.startsWith("application/x-www-form-urlencoded") ? xmlForm : json;
    }

    /** @return {@code json} or {@code xml}, as {@link YimaSimulator.Reply#format()} reports it */
    String name();

    /**
     * @param contentType the request's {@code Content-Type}, lower case
     * @param body the request body
     * @return the fields, or the problem that stops the request
     */
    YimaWire.Parsed parse(String contentType, byte[] body);

    /**
     * @param fields the request's fields, which passed the rules both formats share
     * @param parsed the request as read
     * @return the rule of this format the request breaks, or null
     */
    String checkFields(Map<String, String> fields, YimaWire.Parsed parsed);

    /**
     * @param answer what to answer
     * @return the answer in this format
     */
    ScriptedResponse answer(YimaWire.Answer answer);

    /**
     * @param body a recorded answer of this format
     * @return the body signed again, or null when it cannot be re-signed (then it passes unchanged)
     */
    byte[] resign(byte[] body);

    /**
     * @param contentType an answer's {@code Content-Type}
     * @return whether answers of this format have it
     */
    boolean answers(String contentType);
}
