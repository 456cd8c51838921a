/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintState;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List complaints.")
final class ListCommand implements Callable<Integer> {
    /** The states {@code --state} accepts. */
    enum StateOption {
        pending(ComplaintState.PENDING), processing(ComplaintState.PROCESSING), processed(ComplaintState.PROCESSED);

        final ComplaintState state;

        StateOption(ComplaintState state) {
            this.state = state;
        }
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Mixin
    PagingOptions paging;

    @Option(names = "--state", paramLabel = "STATE", description = "pending, processing or processed.")
    StateOption state;

    @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or after this day (Asia/Shanghai).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or before this day (Asia/Shanghai).")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
        paging.check();
        ComplaintFilter.Builder f = ComplaintFilter.builder();
        if (state != null) {
            f.state(state.state);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to (" + to + ") must not be before --from (" + from + ")");
        }
        if (from != null || to != null) {
            f.between(from == null ? null : from.atStartOfDay(Main.SHANGHAI).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(Main.SHANGHAI).toInstant().minusSeconds(1));
        }
        ComplaintFilter filter = f.build();
        try (ComplaintClient client = main.client(provider.provider)) {
            return new PagedOutput(main, provider.json, paging).printAll(size -> client.complaints(filter, size),
                    Views::complaint, Views.COMPLAINT_HEADER, Views::complaintRow);
        }
    }
}
