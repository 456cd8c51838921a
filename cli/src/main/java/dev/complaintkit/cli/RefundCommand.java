/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.WriteReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit refund}. */
@Command(name = "refund", mixinStandardHelpOptions = true,
        description = {"Approve or reject a complainant's refund request.",
                "Approving does not move money: refund through the payment API; the complaint closes when the refund arrives."})
final class RefundCommand implements Callable<Integer> {
    /** Exactly one of {@code --approve} and {@code --reject}. */
    static final class Action {
        @Option(names = "--approve", required = true, description = "Agree to refund.")
        boolean approve;

        @Option(names = "--reject", required = true, description = "Refuse the refund (with --reason).")
        boolean reject;
    }

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

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--refund-in-days", paramLabel = "N",
            description = "With --approve: working days until the refund starts (0 = today).")
    Integer refundInDays;

    @Option(names = "--reason", paramLabel = "TEXT", description = "With --reject (required): why (at most 200 characters).")
    String reason;

    @Option(names = "--image", paramLabel = "MEDIA_ID",
            description = "With --reject: an uploaded image's media id backing the rejection; repeat for more (up to 4).")
    List<String> images = new ArrayList<>();

    @Option(names = "--remark", paramLabel = "TEXT", description = "A note for the provider's support staff (at most 200 characters).")
    String remark;

    @Override
    public Integer call() throws Exception {
        output.format();
        ComplaintRef ref = merchant.ref(complaint.id());
        RefundDecision.Builder b;
        if (action.approve) {
            if (reason != null || !images.isEmpty()) {
                throw usage("--reason and --image go with --reject, not with --approve");
            }
            b = RefundDecision.approve(ref);
            if (refundInDays != null) {
                b.refundInDays(refundInDays);
            }
        } else {
            if (refundInDays != null) {
                throw usage("--refund-in-days goes with --approve, not with --reject");
            }
            if (reason == null) {
                throw usage("--reject needs --reason TEXT: say why the refund is refused");
            }
            b = RefundDecision.reject(ref).reason(reason);
            images.forEach(b::image);
        }
        if (remark != null) {
            b.remark(remark);
        }
        RefundDecision built = b.build();
        try (ComplaintClient client = main.client(provider.provider)) {
            WriteReceipt receipt = client.decideRefund(built);
            main.printDocument(output, Views.write(receipt), () -> CompleteCommand.printReceipt(main,
                    built.action() == RefundDecision.Action.APPROVE ? "Refund approved" : "Refund rejected", receipt));
            return ExitCodes.OK;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
