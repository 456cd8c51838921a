/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A typed view of one provider's {@code <id>.<setting>} properties, for
 * {@link ComplaintProvider#configFromProperties}: each getter parses one setting and records a
 * violation naming the full key when it is bad (never the value of a secret); {@link #build}
 * then runs the provider's typed builder and throws one {@link ConfigurationException} with every
 * violation of both. Keys with the provider's prefix that no getter read are violations too, so a
 * typo never passes silently. Keys of other providers are ignored.
 *
 * <pre>{@code
 * Settings s = Settings.of("xiaoe", properties);
 * XiaoeConfig.Builder b = XiaoeConfig.builder()
 *         .appId(s.string("app-id"))
 *         .secretKey(s.secret("secret-key"))
 *         .requestTimeout(s.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMinutes(10)));
 * return s.build(b::build);
 * }</pre>
 */
public final class Settings {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private final String prefix;
    private final Map<String, String> own = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final List<Violation> violations = new ArrayList<>();

    private Settings(String providerId, Map<String, String> properties) {
        this.prefix = providerId + ".";
        properties.forEach((k, v) -> {
            if (k != null && k.startsWith(prefix)) {
                own.put(k.substring(prefix.length()), v);
            }
        });
    }

    /**
     * @param providerId the provider's id, the key prefix
     * @param properties all settings (other providers' keys are ignored)
     * @return the view
     */
    public static Settings of(String providerId, Map<String, String> properties) {
        return new Settings(providerId, properties == null ? Map.of() : properties);
    }

    /**
     * @param setting a setting name
     * @return its full key, e.g. {@code xiaoe.app-id}
     */
    public String key(String setting) {
        return prefix + setting;
    }

    /**
     * @param setting the setting name
     * @param rule the rule broken
     * @param message what is wrong (never a secret's value)
     */
    public void fail(String setting, String rule, String message) {
        violations.add(new Violation(key(setting), rule, message));
    }

    private String raw(String setting) {
        read.add(setting);
        String v = own.get(setting);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * @param setting the setting name
     * @return whether it is set (not blank)
     */
    public boolean has(String setting) {
        return raw(setting) != null;
    }

    /**
     * @param setting the setting name
     * @return its trimmed value, or {@code null} when unset
     */
    public String string(String setting) {
        return raw(setting);
    }

    /**
     * @param setting the setting name
     * @param defaultValue when unset
     * @return the value
     */
    public String string(String setting, String defaultValue) {
        String v = raw(setting);
        return v == null ? defaultValue : v;
    }

    /**
     * @param setting the setting name of a secret (a key, a secret key, a token)
     * @return it wrapped, or {@code null} when unset; its value never appears in a violation
     */
    public Secret secret(String setting) {
        read.add(setting);
        String v = own.get(setting);
        return v == null || v.isBlank() ? null : Secret.of(v.strip());
    }

    /**
     * @param setting the setting name
     * @param defaultValue when unset
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return the number, or the default when unset or invalid (a violation was recorded)
     */
    public int integer(String setting, int defaultValue, int min, int max) {
        String v = raw(setting);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                fail(setting, "range", "must be between " + min + " and " + max + " (" + ConfigCheck.echo(v) + ")");
                return defaultValue;
            }
            return (int) n;
        } catch (NumberFormatException e) {
            fail(setting, "integer", "must be a whole number between " + min + " and " + max + " (" + ConfigCheck.echo(v) + ")");
            return defaultValue;
        }
    }

    /**
     * Reads a duration: ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s},
     * {@code 5m}, {@code 1h}, {@code 1d}).
     *
     * @param setting the setting name
     * @param defaultValue when unset
     * @param min the shortest allowed
     * @param max the longest allowed
     * @return the duration, or the default when unset or invalid (a violation was recorded)
     */
    public Duration duration(String setting, Duration defaultValue, Duration min, Duration max) {
        String v = raw(setting);
        if (v == null) {
            return defaultValue;
        }
        Duration d;
        try {
            Matcher m = SIMPLE_DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            fail(setting, "duration", "must be a duration such as 30s, 500ms or PT30S (" + ConfigCheck.echo(v) + ")");
            return defaultValue;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            fail(setting, "range", "must be between " + min + " and " + max + " (" + ConfigCheck.echo(v) + ")");
            return defaultValue;
        }
        return d;
    }

    /**
     * @param setting the setting name
     * @param type the enum type; values match case-insensitively, {@code -} for {@code _}
     * @param defaultValue when unset
     * @param <E> the enum
     * @return the value, or the default when unset or unknown (a violation was recorded)
     */
    public <E extends Enum<E>> E choice(String setting, Class<E> type, E defaultValue) {
        String v = raw(setting);
        if (v == null) {
            return defaultValue;
        }
        String wanted = v.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        fail(setting, "one-of", "must be one of " + allowed + " (" + ConfigCheck.echo(v) + ")");
        return defaultValue;
    }

    /**
     * Reads a base URL: a preset's name or an absolute URL, HTTPS (plain HTTP only to loopback),
     * without user-info.
     *
     * @param setting the setting name
     * @param presets named URLs (e.g. {@code production}, {@code sandbox})
     * @param defaultValue when unset, or {@code null} when the setting is required
     * @return the URL, or the default when unset or invalid (a violation was recorded)
     */
    public URI baseUrl(String setting, Map<String, URI> presets, URI defaultValue) {
        String v = raw(setting);
        if (v == null) {
            if (defaultValue == null) {
                fail(setting, "required", "is required");
            }
            return defaultValue;
        }
        URI preset = presets.get(v.toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset;
        }
        ConfigCheck check = new ConfigCheck(prefix.substring(0, prefix.length() - 1));
        URI uri = check.endpoint(setting, v);
        violations.addAll(check.violations());
        return uri == null ? defaultValue : uri;
    }

    /**
     * @param setting the setting name
     * @param defaultValue when unset
     * @return {@code true} for {@code true}/{@code yes}/{@code on}, {@code false} for
     *     {@code false}/{@code no}/{@code off} (any case), else the default (a violation was recorded)
     */
    public boolean bool(String setting, boolean defaultValue) {
        String v = raw(setting);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                fail(setting, "boolean", "must be true or false (" + ConfigCheck.echo(v) + ")");
                return defaultValue;
        }
    }

    /**
     * @param setting the setting name
     * @param defaultValue when unset
     * @return the charset it names, or the default when unset or unknown (a violation was recorded)
     */
    public java.nio.charset.Charset charset(String setting, java.nio.charset.Charset defaultValue) {
        String v = raw(setting);
        if (v == null) {
            return defaultValue;
        }
        try {
            return java.nio.charset.Charset.forName(v);
        } catch (IllegalArgumentException e) { // IllegalCharsetName and UnsupportedCharset both are
            fail(setting, "charset", "must name a charset this JVM supports (" + ConfigCheck.echo(v) + ")");
            return defaultValue;
        }
    }

    /**
     * Reads key material: a PEM block or Base64 DER, whitespace and line breaks kept as given (the
     * provider parses it). Like {@link #secret}, it never appears in a violation.
     *
     * @param setting the setting name
     * @param required whether an unset value is a violation
     * @return it wrapped, or {@code null} when unset
     */
    public Secret keyMaterial(String setting, boolean required) {
        read.add(setting);
        String v = own.get(setting);
        if (v == null || v.isBlank()) {
            if (required) {
                fail(setting, "required", "is required");
            }
            return null;
        }
        String t = v.strip();
        boolean pem = t.startsWith("-----BEGIN ");
        if (!pem && !t.chars().allMatch(c -> (Character.isLetterOrDigit(c) && c < 128) || c == '+' || c == '/' || c == '='
                || c == '-' || c == '_' || Character.isWhitespace(c))) {
            fail(setting, "key-format", "must be a PEM block or Base64 (" + t.length() + " characters given)");
            return null;
        }
        return Secret.of(t);
    }

    /**
     * @param setting the setting name
     * @return its comma-separated values, trimmed, empty ones left out; an empty list when unset
     */
    public List<String> list(String setting) {
        String v = raw(setting);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** @return the violations recorded so far */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Runs the provider's typed builder and reports every violation at once: those of this view,
     * those the builder's own checks found, and keys with this provider's prefix that nothing read.
     *
     * @param build the builder's {@code build()}
     * @param <C> the configuration type
     * @return the configuration
     * @throws ConfigurationException listing every violation
     */
    public <C> C build(Supplier<C> build) {
        C built = null;
        List<Violation> fromBuilder = List.of();
        try {
            built = build.get(); // may read settings itself: unread keys are counted after it
        } catch (ConfigurationException e) {
            if (e.violations().isEmpty() && violations.isEmpty()) {
                throw e;
            }
            fromBuilder = e.violations();
        }
        List<Violation> all = new ArrayList<>(violations);
        for (Violation v : fromBuilder) {
            if (!all.contains(v)) { // the same violation once, however many checks found it
                all.add(v);
            }
        }
        Set<String> unknown = new TreeSet<>(own.keySet());
        unknown.removeAll(read);
        for (String k : unknown) {
            all.add(new Violation(key(k), "unknown-setting", "is not a setting of this provider; known: "
                    + new TreeSet<>(read).stream().map(this::key).toList()));
        }
        if (!all.isEmpty()) {
            throw new ConfigurationException(all);
        }
        return built;
    }
}
