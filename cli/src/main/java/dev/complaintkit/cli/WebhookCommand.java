/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import java.net.BindException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code complaintkit webhook}: a small receiver on 127.0.0.1 for the provider's notifications at
 * {@code /notifications/<provider>}. Each delivery goes through the client's notification port
 * ({@link ComplaintClient#receive}): a verified new event is printed as one JSON line on stdout and
 * acknowledged; a repeated delivery is acknowledged (2xx) without printing it again; a refused one
 * (signature, time stamp, decryption, shape) gets the provider's error answer and a line on stderr.
 * Deliveries are handled one at a time, so lines never interleave ({@link WebhookReceiver}).
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Receive the provider's notifications on 127.0.0.1 at /notifications/<provider> (its URL is"
                + " printed on stderr) and print one JSON line per verified new event on stdout. Repeated deliveries are"
                + " acknowledged without printing; bad ones are refused with the provider's error answer. Runs until"
                + " interrupted (Ctrl-C). Put a tunnel or reverse proxy with HTTPS in front to receive real notifications."})
final class WebhookCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port on 127.0.0.1; 0 (default) picks a free ephemeral port.")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port + ": must be 0..65535");
        }
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.NOTIFICATIONS);
            WebhookReceiver receiver;
            try {
                receiver = WebhookReceiver.start(client, port, main.out, main.err, main::report);
            } catch (BindException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port
                        + ": could not listen there (" + e.getMessage() + "); use another port, or 0 for a free one");
            }
            return Main.serveUntilStopped(main, receiver, "webhook", () ->
                    main.err.println("webhook listening on " + receiver.url() + " for " + client.providerId()
                            + " notifications. Stop it with Ctrl-C."));
        }
    }
}
