package dev.complaintkit.cli;

import dev.complaintkit.error.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * files. Values are never printed: messages name keys and paths only.
 */
final class CliConfig {
    static final String ENV_PREFIX = "COMPLAINTKIT_";

    private CliConfig() {}

    /**
     * @param file the properties file, or {@code null}
     * @param env the environment
     * @return the merged settings
     */
    static Map<String, String> load(Path file, Map<String, String> env) {
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
        Map<String, String> resolved = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            resolved.put(e.getKey(), resolve(e.getKey(), e.getValue(), baseOf.get(e.getKey())));
        }
        return resolved;
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
        if (!value.startsWith("@")) {
            return value;
        }
        Path p = base.resolve(value.substring(1));
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ConfigurationException(key + ": could not read the file " + p + " (" + e.getClass().getSimpleName()
                    + "); a relative @path is read from the config file's folder, or for an environment"
                    + " variable from the working directory", null);
        }
    }
}
