/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The command's settings: a properties file with the providers' own keys ({@code allinpay.appid}…),
 * overridden by environment variables {@code COMPLAINTKIT_<KEY>} (upper case, {@code .} and
 * {@code -} as {@code _}; the first {@code _} after the provider id stands for the {@code .}).
 * A value {@code @path} is read from that file (relative to the config file's folder for a value
 * from the file, to the working directory for one from the environment), so keys can live in PEM
 * files; {@code @@} stands for a literal {@code @} at the start of a value. Only the keys of the
 * provider in use are kept, and only their files are read. Values are never printed: messages name
 * keys, and the path of an {@code @file} only when the key is not a secret ({@link #isSecret(String)}).
 */
final class CliConfig {
    static final String ENV_PREFIX = "COMPLAINTKIT_";
    /** The largest {@code @file} read: keys and secrets are a few kilobytes. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private CliConfig() {}

    /**
     * @param file the properties file, or {@code null}
     * @param env the environment
     * @param providerId the provider in use: only its keys ({@code <providerId>.…}) are kept and resolved
     * @return the merged settings of that provider
     */
    static Map<String, String> load(Path file, Map<String, String> env, String providerId) {
        Map<String, String> settings = new TreeMap<>();
        Map<String, Path> baseOf = new TreeMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("Config file not found: " + file
                        + " (pass --config FILE with the provider settings, e.g. from 'complaintkit sandbox')");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException("Could not read config file " + file + " as UTF-8 properties ("
                        + e.getClass().getSimpleName() + ")", null);
            }
            Path folder = file.toAbsolutePath().getParent();
            p.stringPropertyNames().forEach(k -> {
                settings.put(k.trim(), p.getProperty(k).trim());
                baseOf.put(k.trim(), folder);
            });
        }
        Path cwd = Path.of("").toAbsolutePath();
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = keyOf(name.substring(ENV_PREFIX.length()), settings);
                settings.put(key, value.trim());
                baseOf.put(key, cwd);
            }
        });
        String prefix = providerId + ".";
        Map<String, String> resolved = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                resolved.put(e.getKey(), resolve(e.getKey(), e.getValue(), baseOf.get(e.getKey())));
            }
        }
        return resolved;
    }

    /**
     * Whether a setting holds a secret (a private key, secret key, API key, password or token), judged
     * by its name after the provider id: it contains {@code secret}, {@code private-key} or
     * {@code password}, or ends with {@code token}, or ends with {@code key} without being a public key
     * — {@code allinpay.private-key}, {@code yima.secret}, {@code xiaoe.secret-key},
     * {@code wechatpay.api-v3-key}. A public key ({@code allinpay.platform-public-key},
     * {@code wechatpay.platform-public-key}) or its id ({@code wechatpay.platform-public-key-id}) is
     * not a secret.
     *
     * @param key a setting's key, {@code <provider>.<setting>}
     * @return whether the path of its {@code @file} must never be printed (the value may be a secret
     *     that merely starts with {@code @})
     */
    static boolean isSecret(String key) {
        String name = key.substring(key.indexOf('.') + 1).toLowerCase(Locale.ROOT);
        return name.contains("secret") || name.contains("private-key") || name.contains("password") || name.endsWith("token")
                || name.endsWith("key") && !name.contains("public");
    }

    /** @return the environment variable name for a key, e.g. {@code COMPLAINTKIT_XIAOE_APP_ID} */
    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Maps an env suffix back to a key: an existing key whose env name matches wins; else provider.setting-name. */
    private static String keyOf(String suffix, Map<String, String> existing) {
        for (String k : existing.keySet()) {
            if (envName(k).equals(ENV_PREFIX + suffix)) {
                return k;
            }
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('_');
        return dot < 0 ? lower : lower.substring(0, dot) + "." + lower.substring(dot + 1).replace('_', '-');
    }

    private static String resolve(String key, String value, Path base) {
        if (value.startsWith("@@")) {
            return value.substring(1);
        }
        if (!value.startsWith("@")) {
            return value;
        }
        String named = isSecret(key) ? "the file named by " + key : "the file " + value.substring(1);
        String help = "; a relative @path is read from the config file's folder, or for an environment variable from"
                + " the working directory; a value that starts with @ itself is written with @@";
        Path p;
        try {
            p = base.resolve(value.substring(1));
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key + ": " + named + " is not a valid path" + help, null);
        }
        String shown = isSecret(key) ? named : "the file " + p;
        byte[] bytes;
        try (InputStream in = Files.newInputStream(p)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigurationException(key + ": " + shown + " could not be read (" + e.getClass().getSimpleName() + ")"
                    + help, null);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigurationException(key + ": " + shown + " is larger than " + (MAX_FILE_BYTES >> 10)
                    + " KiB; it should hold one key or secret", null);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().trim();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(key + ": " + shown + " is not UTF-8 text", null);
        }
    }
}
