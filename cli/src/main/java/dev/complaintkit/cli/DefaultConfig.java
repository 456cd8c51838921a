/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the command looks for its settings when {@code --config} is not given: on Windows
 * {@code %APPDATA%\complaintkit\config.properties}; elsewhere
 * {@code $XDG_CONFIG_HOME/complaintkit/config.properties}, or {@code ~/.config/complaintkit/config.properties}
 * when {@code XDG_CONFIG_HOME} is unset, empty or relative (as the XDG Base Directory specification
 * says). The file is used only when it exists.
 */
final class DefaultConfig {
    /** The folder under the configuration home. */
    static final String FOLDER = "complaintkit";
    /** The file's name. */
    static final String FILE = "config.properties";

    private DefaultConfig() {}

    /**
     * @param osName the operating system's name ({@code os.name})
     * @param env the environment
     * @param home the user's home folder
     * @return the default config file's path (which may not exist), or empty when there is no
     *     place to look (Windows without {@code APPDATA})
     */
    static Optional<Path> location(String osName, Map<String, String> env, Path home) {
        try {
            if (osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
                String appData = env.get("APPDATA");
                return appData == null || appData.isBlank() ? Optional.empty()
                        : Optional.of(Path.of(appData.trim(), FOLDER, FILE));
            }
            String xdg = env.get("XDG_CONFIG_HOME");
            if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
                return Optional.of(Path.of(xdg.trim(), FOLDER, FILE));
            }
            return home == null ? Optional.empty() : Optional.of(home.resolve(".config").resolve(FOLDER).resolve(FILE));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
