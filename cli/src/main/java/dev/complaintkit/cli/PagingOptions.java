/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of the commands that page: {@code --max} and {@code --page-size}. */
final class PagingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--max", paramLabel = "N", description = "At most N rows (default: all).")
    Integer max;

    /** Rows per request when {@code --page-size} is not given, for most providers and operations. */
    static final int DEFAULT_PAGE_SIZE = 100;

    @Option(names = "--page-size", paramLabel = "N",
            description = "Rows per request to the provider (default: 100; WeChat Pay's list: 50, its largest page).")
    Integer pageSize;

    /** The page size without {@code --page-size}: set by the command for its provider. */
    int defaultPageSize = DEFAULT_PAGE_SIZE;

    /** Checks {@code --max} and {@code --page-size} before anything else happens (a usage error, exit 2). */
    void check() {
        if (max != null) {
            atLeastOne(max, "--max");
        }
        if (pageSize != null) {
            atLeastOne(pageSize, "--page-size");
        }
    }

    /** @return the most rows to print */
    int limit() {
        return max == null ? Integer.MAX_VALUE : max;
    }

    /**
     * @return the rows to ask for per request: {@code --page-size} (else the command's default for its
     *     provider), or fewer when {@code --max} is smaller
     */
    int requestSize() {
        return Math.min(pageSize == null ? defaultPageSize : pageSize, limit());
    }

    private void atLeastOne(int value, String option) {
        if (value < 1) {
            throw new CommandLine.ParameterException(command.commandLine(), option + " must be at least 1 (was " + value + ")");
        }
    }
}
