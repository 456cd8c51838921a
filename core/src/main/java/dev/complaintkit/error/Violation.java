/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.Objects;

/**
 * One broken rule: the field (or setting) it concerns, the rule, and a readable message.
 *
 * @param field the input field or configuration key, e.g. {@code text} or {@code allinpay.appid}
 * @param rule a short, stable rule name, e.g. {@code required}, {@code max-length}
 * @param message a sentence for people; never contains a secret value
 */
public record Violation(String field, String rule, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
