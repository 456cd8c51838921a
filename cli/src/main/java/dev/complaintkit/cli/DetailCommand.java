/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.RevealedPhone;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit detail}. */
@Command(name = "detail", mixinStandardHelpOptions = true,
        description = "Show one complaint's detail: orders, what the complainant asks for, media, the phone.")
final class DetailCommand implements Callable<Integer> {
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

    @Option(names = "--reveal-phone", description = "Decrypt the complainant's phone number (personal data: it is printed).")
    boolean revealPhone;

    @Override
    public Integer call() throws Exception {
        output.format();
        ComplaintRef ref = merchant.ref(complaint.id());
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.DETAIL);
            if (revealPhone) {
                Main.require(client, Capability.REVEAL_PHONE);
            }
            ComplaintDetail detail = client.detail(ref);
            Optional<RevealedPhone> revealed = Optional.empty();
            if (revealPhone) {
                if (detail.phone().form() == ComplainantPhone.Form.ENCRYPTED) {
                    revealed = Optional.of(client.revealPhone(detail));
                } else {
                    main.err.println("warning: --reveal-phone: the phone number is "
                            + (detail.phone().form() == ComplainantPhone.Form.MASKED ? "sent masked by the provider" : "absent")
                            + "; there is nothing to decrypt");
                    main.err.flush();
                }
            }
            Map<String, Object> view = Views.detail(detail, revealed);
            main.printDocument(output, view, () -> human(detail, view));
            return ExitCodes.OK;
        }
    }

    private void human(ComplaintDetail d, Map<String, Object> view) {
        Table t = new Table(List.of("FIELD", "VALUE"));
        view.forEach((name, value) -> {
            if (!name.equals("extra") && !name.equals("orders") && !name.equals("media")) {
                t.add(List.of(name, Views.shorten(value == null ? "" : String.valueOf(value), 60)));
            }
        });
        d.orders().forEach(o -> t.add(List.of("order", Views.shorten(o.transactionId() + " " + o.merchantOrderNo()
                + (o.amountFen().isPresent() ? " " + o.amountFen().getAsLong() + " fen" : ""), 60))));
        d.media().forEach(m -> t.add(List.of("media " + m.type(), Views.shorten(String.join(" ", m.urls()), 60))));
        if (!d.extra().isEmpty() || !d.complaint().extra().isEmpty()) {
            t.add(List.of("extra", Views.shorten(((Map<?, ?>) view.get("extra")).keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")), 60) + " (see --json)"));
        }
        main.out.println("Complaint " + TerminalText.escape(d.id().value()) + " at " + TerminalText.escape(d.complaint().providerId()));
        t.print(main.out);
    }
}
