/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit sandbox}. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start simulators of the providers on loopback, seeded with test data, and print a "
                + "ready-to-use config (properties) on stdout. Runs until interrupted (Ctrl-C).",
                "With --port N the simulators listen on N (Allinpay), N+1 (Xiaoe-tech), N+2 (Yima) and N+3 (WeChat Pay)."})
final class SandboxCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Base port; 0 (default) picks free ephemeral ports.")
    int port;

    @Option(names = "--write", paramLabel = "FILE", description = "Also write the config to FILE (readable by you only).")
    Path write;

    @Option(names = "--notify", paramLabel = "URL",
            description = {"Send WeChat Pay's signed, encrypted notification of every merchant action (reply, complete,"
                    + " refund decision) to URL, e.g. the one 'complaintkit webhook --provider wechatpay --port N' prints"
                    + " (plain HTTP on loopback, else HTTPS)."})
    URI notify;

    @Override
    public Integer call() throws Exception {
        if (notify != null && !validTarget(notify)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--notify " + TerminalText.escape(notify.toString())
                    + ": must be an absolute https:// URL, or http:// to 127.0.0.1 or localhost");
        }
        Sandbox sandbox;
        try {
            sandbox = main.sandboxStarter.apply(port);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port " + port + ": " + e.getMessage() + " (use another port, or 0 for free ephemeral ports)");
        }
        return Main.serveUntilStopped(main, sandbox, "sandbox", () -> {
            if (notify != null) {
                sandbox.notifyWechatPayTo(notify, r -> {
                    main.err.println("notified " + r.delivery().actionType() + " of complaint " + r.delivery().complaintId()
                            + " (event " + r.delivery().id() + "): " + (r.status() < 0 ? "not delivered, "
                            + TerminalText.message(r.answer()) : "answered " + r.status()));
                    main.err.flush();
                });
            }
            String text = sandbox.propertiesText();
            if (write != null) {
                try {
                    writePrivate(write, text);
                } catch (java.io.IOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--write " + write
                            + ": could not write the file (" + e.getClass().getSimpleName() + ")");
                }
            }
            main.out.print(text);
            main.out.flush();
            main.err.println("sandbox running: " + sandbox.endpoints().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + (write == null ? "" : "; config written to " + write)
                    + (notify == null ? "" : "; WeChat Pay notifies " + notify) + ". Stop it with Ctrl-C.");
        });
    }

    private static boolean validTarget(URI u) {
        if (!u.isAbsolute() || u.getHost() == null) {
            return false;
        }
        return "https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme())
                && (u.getHost().equals("127.0.0.1") || u.getHost().equalsIgnoreCase("localhost") || u.getHost().equals("[::1]"));
    }

    private static void writePrivate(Path file, String text) throws java.io.IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
