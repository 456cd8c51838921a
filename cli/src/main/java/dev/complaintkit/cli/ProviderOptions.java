/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import picocli.CommandLine.Option;

/** The options of the commands that talk to a configured provider: {@code --provider} and {@code --json}. */
final class ProviderOptions {
    @Option(names = "--provider", required = true, paramLabel = "P",
            description = "Provider id: allinpay, yima, xiaoe (see 'complaintkit providers').")
    String provider;

    @Option(names = "--json", description = "Print one JSON document instead of a table.")
    boolean json;
}
