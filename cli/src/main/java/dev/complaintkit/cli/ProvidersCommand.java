/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.Complaints;
import dev.complaintkit.ProviderRegistry;
import dev.complaintkit.spi.ComplaintProvider;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit providers}. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the providers found on the class path, their capabilities and SPI version.")
final class ProvidersCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        ProviderRegistry registry = Complaints.discover();
        Table t = new Table(List.of("ID", "CAPABILITIES", "SPI", "CLASS"));
        for (ComplaintProvider<?> p : registry.providers()) {
            t.add(List.of(p.id(), p.capabilities().stream().sorted().map(Capability::name).collect(Collectors.joining(",")),
                    Integer.toString(p.spiVersion()), p.getClass().getName()));
        }
        t.print(main.out);
        main.out.println("(core SPI version " + ComplaintProvider.SPI_VERSION + ")");
        main.out.flush();
        registry.failures().forEach(f -> main.err.println("warning: " + TerminalText.message(String.valueOf(f))));
        return ExitCodes.OK;
    }
}
