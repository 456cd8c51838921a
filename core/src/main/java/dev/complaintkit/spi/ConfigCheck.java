/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.transport.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects every bad setting of a configuration so that they are reported together. Provider
 * config builders use it in {@code build()}: check each setting, then {@link #throwIfAny()}.
 * Messages never include a secret's value.
 */
public final class ConfigCheck {
    private final String prefix;
    private final List<Violation> violations = new ArrayList<>();

    /** @param providerId the provider, used as the key prefix ({@code <id>.<setting>}) */
    public ConfigCheck(String providerId) {
        this.prefix = providerId + ".";
    }

    /**
     * @param setting setting name without prefix
     * @return the full key, e.g. {@code allinpay.appid}
     */
    public String key(String setting) {
        return prefix + setting;
    }

    /**
     * @param setting setting name
     * @param rule rule name
     * @param message what is wrong and what to do
     */
    public void fail(String setting, String rule, String message) {
        violations.add(new Violation(key(setting), rule, message));
    }

    /**
     * @param setting setting name
     * @param value the value
     * @return whether it was present (not blank)
     */
    public boolean required(String setting, String value) {
        if (value == null || value.isBlank()) {
            fail(setting, "required", "is required");
            return false;
        }
        return true;
    }

    /**
     * @param setting setting name
     * @param secret the secret
     * @return whether it was present
     */
    public boolean required(String setting, Secret secret) {
        if (secret == null || secret.isBlank()) {
            fail(setting, "required", "is required");
            return false;
        }
        return true;
    }

    /**
     * @param setting setting name
     * @param value the value (may be null: then nothing is checked)
     * @param max the largest allowed length in characters
     */
    public void maxLength(String setting, String value, int max) {
        if (value != null && value.length() > max) {
            fail(setting, "max-length", "must be at most " + max + " characters (was " + value.length() + ")");
        }
    }

    /**
     * @param setting setting name
     * @param value the value (may be null: then nothing is checked)
     * @param length the exact length
     */
    public void exactLength(String setting, String value, int length) {
        if (value != null && !value.isBlank() && value.length() != length) {
            fail(setting, "length", "must be exactly " + length + " characters (was " + value.length() + ")");
        }
    }

    /**
     * Checks an endpoint: an absolute URI, HTTPS, or plain HTTP only to a loopback host.
     *
     * @param setting setting name
     * @param value the URI text
     * @return the URI, or {@code null} when it is invalid (a violation was recorded)
     */
    public URI endpoint(String setting, String value) {
        if (!required(setting, value)) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            fail(setting, "uri", "is not a valid URI: " + e.getReason());
            return null;
        }
        String problem = Endpoints.problem(uri);
        if (problem != null) {
            fail(setting, "https", problem);
            return null;
        }
        return uri;
    }

    /**
     * Parses an optional enum-like value.
     *
     * @param setting setting name
     * @param value the text, or null for the default
     * @param parser parses the upper-cased text, throwing {@link IllegalArgumentException} when unknown
     * @param defaultValue when absent
     * @param allowed the allowed values, for the message
     * @param <T> the value type
     * @return the value, or the default when absent or invalid (a violation was recorded)
     */
    public <T> T choice(String setting, String value, Function<String, T> parser, T defaultValue, String allowed) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            fail(setting, "one-of", "must be one of " + allowed + " (" + echo(value) + ")");
            return defaultValue;
        }
    }

    /** The longest value a choice violation repeats; anything longer may be a pasted secret. */
    static final int MAX_ECHO = 12;

    /**
     * How a violation of a non-secret setting shows the value it refused: a short word as it was, a
     * longer or unusual text only by its length (it may be a secret pasted into the wrong setting).
     *
     * @param value the refused value
     * @return {@code was 'xml2'} or {@code was a 40-character value, not shown}
     */
    public static String echo(String value) {
        if (value.length() <= MAX_ECHO && value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            return "was '" + value + "'";
        }
        return "was a " + value.length() + "-character value, not shown";
    }

    /**
     * Checks that a duration lies in a range; {@code null} means unset and is not checked.
     *
     * @param setting setting name
     * @param value the duration, or null
     * @param min the smallest allowed (inclusive)
     * @param max the largest allowed (inclusive)
     * @return whether it is unset or in range (otherwise a violation was recorded)
     */
    public boolean range(String setting, java.time.Duration value, java.time.Duration min, java.time.Duration max) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            fail(setting, "range", "must be between " + min + " and " + max + " (was " + value + ")");
            return false;
        }
        return true;
    }

    /**
     * Checks that a number lies in a range.
     *
     * @param setting setting name
     * @param value the number
     * @param min the smallest allowed (inclusive)
     * @param max the largest allowed (inclusive)
     * @return whether it is in range (otherwise a violation was recorded)
     */
    public boolean range(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            fail(setting, "range", "must be between " + min + " and " + max + " (was " + value + ")");
            return false;
        }
        return true;
    }

    /**
     * Flags keys that start with this provider's prefix but are not known settings (typos).
     *
     * @param properties all properties
     * @param known the known setting names (without prefix)
     */
    public void unknownKeys(Map<String, String> properties, java.util.Collection<String> known) {
        properties.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .filter(k -> !known.contains(k.substring(prefix.length())))
                .sorted()
                .forEach(k -> violations.add(new Violation(k, "unknown-setting",
                        "is not a setting of this provider; known: " + known.stream().sorted().map(this::key).toList())));
    }

    /** @return the violations found so far */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** @throws ConfigurationException listing every violation, when there is any */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ConfigurationException(violations);
        }
    }
}
