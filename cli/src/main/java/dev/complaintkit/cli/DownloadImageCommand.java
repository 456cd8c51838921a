/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.DownloadedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit download-image}. */
@Command(name = "download-image", mixinStandardHelpOptions = true,
        description = "Download a complaint's image from a media URL the provider returned (in a detail or a history row).")
final class DownloadImageCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The media URL exactly as the provider returned it.")
    String url;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the image (replaced if it exists).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path absolute = out.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": is a folder; name a file");
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": the folder " + folder
                    + " does not exist");
        }
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.IMAGE_DOWNLOAD);
            DownloadedImage image = client.downloadImage(url);
            Path partial = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
            try {
                Files.write(partial, image.bytes());
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": could not be written ("
                        + e.getClass().getSimpleName() + ")");
            }
            main.out.println("Saved " + image.size() + " bytes" + (image.contentType().isEmpty() ? ""
                    : " (" + TerminalText.escape(image.contentType()) + ")") + " to " + out);
            main.out.flush();
            return ExitCodes.OK;
        }
    }
}
