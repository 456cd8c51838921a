/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import picocli.CommandLine.Option;

/** The option of the commands that talk to a configured provider: {@code --provider}. */
final class ProviderOptions {
    @Option(names = "--provider", required = true, paramLabel = "P",
            description = "Provider id: allinpay, yima, xiaoe (see 'complaintkit providers').")
    String provider;
}
