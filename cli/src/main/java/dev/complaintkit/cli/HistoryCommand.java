/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintRef;
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
    OutputOptions output;

    @Mixin
    PagingOptions paging;

    @Mixin
    ComplaintOption complaint;

    @Mixin
    MerchantOption merchant;

    @Override
    public Integer call() throws Exception {
        paging.check();
        OutputOptions.Format format = output.format();
        ComplaintRef ref = merchant.ref(complaint.id());
        try (ComplaintClient client = main.client(provider.provider)) {
            return new PagedOutput(main, format, output.csvBom, paging).printAll(size -> client.history(ref, size),
                    Views.entryRows());
        }
    }
}
