package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.WriteReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit refund}. */
@Command(name = "refund", mixinStandardHelpOptions = true,
        description = {"Approve or reject a complainant's refund request.",
                "Approving does not move money: refund through the payment API; the complaint closes when the refund arrives."})
final class RefundCommand implements Callable<Integer> {
    /** {@code --approve [--refund-in-days N]}. */
    static final class Approve {
        @Option(names = "--approve", required = true, description = "Agree to refund.")
        boolean approve;

        @Option(names = "--refund-in-days", paramLabel = "N",
                description = "With --approve: working days until the refund starts (0 = today).")
        Integer refundInDays;
    }

    /** {@code --reject --reason TEXT [--image ID]…}. */
    static final class Reject {
        @Option(names = "--reject", required = true, description = "Refuse the refund.")
        boolean reject;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "With --reject: why (at most 200 characters).")
        String reason;

        @Option(names = "--image", paramLabel = "MEDIA_ID",
                description = "With --reject: an uploaded image's media id backing the rejection; repeat for more (up to 4).")
        List<String> images = new ArrayList<>();
    }

    /** Exactly one of the two. */
    static final class Decision {
        @ArgGroup(exclusive = false, multiplicity = "1")
        Approve approve;

        @ArgGroup(exclusive = false, multiplicity = "1")
        Reject reject;
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(names = "--remark", paramLabel = "TEXT", description = "A note for the provider's support staff (at most 200 characters).")
    String remark;

    @Override
    public Integer call() throws Exception {
        output.format();
        ComplaintRef ref = merchant.ref(complaint.id());
        RefundDecision.Builder b;
        if (decision.approve != null) {
            b = RefundDecision.approve(ref);
            if (decision.approve.refundInDays != null) {
                b.refundInDays(decision.approve.refundInDays);
            }
        } else {
            b = RefundDecision.reject(ref).reason(decision.reject.reason);
            decision.reject.images.forEach(b::image);
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
}
