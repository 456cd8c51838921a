/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.WriteReceipt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit complete}. */
@Command(name = "complete", mixinStandardHelpOptions = true,
        description = "Mark a complaint handled (the complainant is then asked how satisfied they are).")
final class CompleteCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ProviderOptions provider;

    @Mixin
    OutputOptions output;

    @Mixin
    ComplaintOption complaint;

    @Mixin
    MerchantOption merchant;

    @Override
    public Integer call() throws Exception {
        output.format();
        var ref = merchant.ref(complaint.id());
        try (ComplaintClient client = main.client(provider.provider)) {
            WriteReceipt receipt = client.complete(ref);
            main.printDocument(output, Views.write(receipt), () -> printReceipt(main, "Complaint completed", receipt));
            return ExitCodes.OK;
        }
    }

    /** Prints a write's receipt for people. */
    static void printReceipt(Main main, String what, WriteReceipt receipt) {
        main.out.println(what + " at " + TerminalText.escape(receipt.providerId()));
        main.out.println("  complaint   " + TerminalText.escape(receipt.complaintId().value()));
        if (!receipt.requestId().isEmpty()) {
            main.out.println("  request id  " + TerminalText.escape(receipt.requestId()));
        }
        if (receipt.reconciled()) {
            main.out.println("  (the answer was lost; the write was confirmed by reading the complaint, and not sent twice)");
        }
    }
}
