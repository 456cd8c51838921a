/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}, from the build: the jar manifest's {@code Implementation-Version}, else the
 * {@code version.properties} resource that Maven filters with {@code ${project.version}} (when the
 * classes run from a folder, as in tests and IDEs). No version is written in the source.
 */
final class Version implements CommandLine.IVersionProvider {
    /** The resource beside this class that the build fills in. */
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"complaintkit " + current().orElse("(version unknown: neither the manifest nor "
                + RESOURCE + " says; a build without Maven's resource filtering)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    /** @return this build's version: the manifest's, else the filtered resource's */
    static Optional<String> current() {
        return fromManifest().or(Version::fromResource);
    }

    /** @return the {@code Implementation-Version} of the jar this class was loaded from */
    static Optional<String> fromManifest() {
        Package p = Version.class.getPackage();
        return Optional.ofNullable(p == null ? null : p.getImplementationVersion()).filter(v -> !v.isBlank());
    }

    /** @return the version in {@value #RESOURCE}, unless it is missing or was not filtered */
    static Optional<String> fromResource() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version")).map(String::trim)
                    .filter(v -> !v.isEmpty() && !v.contains("${"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
