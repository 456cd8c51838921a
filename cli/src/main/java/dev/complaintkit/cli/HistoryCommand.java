/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit history}. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show a complaint's negotiation history.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ProviderOptions provider;

    @Mixin
    PagingOptions paging;

    @Mixin
    ComplaintOption complaint;

    @Override
    public Integer call() throws Exception {
        paging.check();
        ComplaintId id = complaint.id();
        try (ComplaintClient client = main.client(provider.provider)) {
            return new PagedOutput(main, provider.json, paging).printAll(size -> client.history(id, size),
                    Views::entry, Views.ENTRY_HEADER, Views::entryRow);
        }
    }
}
