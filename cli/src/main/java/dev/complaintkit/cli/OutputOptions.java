/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that choose how a command prints its result: {@code --output}, {@code --json} and {@code --csv-bom}. */
final class OutputOptions {
    /** The output formats. */
    enum Format {
        /** An aligned table (or a receipt) for people. */
        table,
        /** One JSON document. */
        json,
        /** One JSON object per line (JSON Lines). */
        jsonl,
        /** RFC 4180 CSV with a header row. */
        csv
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "table (default), json, jsonl (one JSON object per line) or csv (RFC 4180, with a header row).")
    Format output;

    @Option(names = "--json", description = "The same as --output json: one JSON document.")
    boolean json;

    @Option(names = "--csv-bom", description = "With --output csv: start with a UTF-8 byte order mark (for Excel); the CSV is then UTF-8 whatever the console's charset.")
    boolean csvBom;

    /**
     * @return the format asked for
     * @throws CommandLine.ParameterException (exit 2) for {@code --json} with another {@code --output}, or
     *     {@code --csv-bom} without {@code --output csv}
     */
    Format format() {
        if (json && output != null && output != Format.json) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--json and --output " + output + " contradict each other: pass one of them");
        }
        Format f = json ? Format.json : output == null ? Format.table : output;
        if (csvBom && f != Format.csv) {
            throw new CommandLine.ParameterException(command.commandLine(), "--csv-bom goes with --output csv (was --output " + f + ")");
        }
        return f;
    }
}
