/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit reply}. */
@Command(name = "reply", mixinStandardHelpOptions = true, description = "Reply to a complaint.")
final class ReplyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ProviderOptions provider;

    @Mixin
    OutputOptions output;

    @Mixin
    ComplaintOption complaint;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The reply (at most 200 characters).")
    String text;

    @Option(names = "--image", paramLabel = "MEDIA_ID", description = "An uploaded image's media id; repeat for more (up to 4).")
    List<String> images = new ArrayList<>();

    @Option(names = "--jump-url", paramLabel = "URL", description = "An HTTPS link shown after the reply.")
    String jumpUrl;

    @Option(names = "--jump-text", paramLabel = "TEXT", description = "The link's text (at most 10 characters).")
    String jumpText;

    @Option(names = "--idempotency-key", paramLabel = "K",
            description = "Send the reply under this key; repeating the command with the same key is safe.")
    String idempotencyKey;

    @Override
    public Integer call() throws Exception {
        output.format();
        ReplyRequest.Builder b = ReplyRequest.builder(complaint.id().value()).text(text);
        images.forEach(b::image);
        if (jumpUrl != null || jumpText != null) {
            b.jumpLink(jumpUrl, jumpText);
        }
        if (idempotencyKey != null) {
            b.idempotencyKey(idempotencyKey);
        }
        try (ComplaintClient client = main.client(provider.provider)) {
            ReplyReceipt receipt = client.reply(b.build());
            main.printDocument(output, Views.receipt(receipt), () -> {
                main.out.println("Reply accepted by " + TerminalText.escape(receipt.providerId()));
                main.out.println("  complaint        " + TerminalText.escape(receipt.complaintId().value()));
                main.out.println("  code             " + TerminalText.escape(receipt.code())
                        + (receipt.message().isEmpty() ? "" : " " + TerminalText.escape(receipt.message())));
                main.out.println("  idempotency key  " + TerminalText.escape(receipt.idempotencyKey())
                        + "  (repeat with --idempotency-key to resend safely)");
            });
            return ExitCodes.OK;
        }
    }
}
