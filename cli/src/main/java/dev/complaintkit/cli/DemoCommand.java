/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code complaintkit demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the sandbox in-process and run every provider end to end over real HTTP with "
                + "real signatures: list, history, reply (JSON and XML), a rejected bad input, and WeChat Pay's whole complaint"
                + " API through the commands and the webhook, a tampered answer and a lost one. Offline; exits 0 when all pass.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        return new Demo(main.out).run(main.sandboxStarter);
    }
}
