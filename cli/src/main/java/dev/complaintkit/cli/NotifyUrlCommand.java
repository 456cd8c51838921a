/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit notify-url}. */
@Command(name = "notify-url", mixinStandardHelpOptions = true,
        description = "Show, set or delete the URL the provider sends complaint notifications to.")
final class NotifyUrlCommand implements Callable<Integer> {
    /** Exactly one action. */
    static final class Action {
        @Option(names = "--show", required = true, description = "Print the URL set at the provider.")
        boolean show;

        @Option(names = "--set", required = true, paramLabel = "URL", description = "Set it (an HTTPS URL).")
        String set;

        @Option(names = "--delete", required = true, description = "Remove it.")
        boolean delete;
    }

    @ParentCommand
    Main main;

    @Mixin
    ProviderOptions provider;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Override
    public Integer call() throws Exception {
        output.format();
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.NOTIFICATION_URL);
            Optional<String> url;
            String said;
            if (action.set != null) {
                url = Optional.of(client.setNotificationUrl(action.set));
                said = "Notification URL set: " + TerminalText.escape(url.get());
            } else if (action.delete) {
                client.deleteNotificationUrl();
                url = Optional.empty();
                said = "Notification URL deleted";
            } else {
                url = client.notificationUrl();
                said = url.map(TerminalText::escape).orElse("(no notification URL is set)");
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("provider", client.providerId());
            view.put("url", url.orElse(null));
            main.printDocument(output, view, () -> main.out.println(said));
            return ExitCodes.OK;
        }
    }
}
