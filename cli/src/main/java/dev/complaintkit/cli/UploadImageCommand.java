/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.UploadedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit upload-image}. */
@Command(name = "upload-image", mixinStandardHelpOptions = true,
        description = {"Upload an image for a reply or a refund rejection and print its media id.",
                "The provider's rules (types, size) are checked before anything is sent."})
final class UploadImageCommand implements Callable<Integer> {
    /** The largest file read: providers take a few megabytes at most (WeChat Pay 2 MB). */
    static final int MAX_BYTES = 20 << 20;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The image file (its name's ending gives the type, e.g. .png).")
    Path file;

    @Override
    public Integer call() throws Exception {
        output.format();
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.IMAGE_UPLOAD);
            byte[] bytes = read();
            UploadedImage image = client.uploadImage(new ImageUpload(String.valueOf(file.getFileName()), bytes));
            main.printDocument(output, Views.uploaded(image, file.toString(), bytes.length),
                    () -> main.out.println(TerminalText.escape(image.mediaId())));
            return ExitCodes.OK;
        }
    }

    private byte[] read() {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + file + ": no such file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + file + ": could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ValidationException(List.of(new Violation("bytes", "max", "the file is larger than "
                    + (MAX_BYTES >> 20) + " MiB; no provider takes an image that large")));
        }
        return bytes;
    }
}
