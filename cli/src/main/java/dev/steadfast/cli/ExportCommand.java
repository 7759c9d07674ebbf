package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.StoreDigest;
import dev.steadfast.lifecycle.StoreExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast export}: writes a store to a portable, checksummed file that {@code import} restores. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every journal (with its head and truncated prefix), snapshot, record and fence of a "
                + "store to a portable file, for a backup or a move to another backend.",
            "",
            "The format (version 1) is documented in dev.steadfast.lifecycle.ExportFormat: a header with the "
                + "version, the state as frames, the store's digest, and a SHA-256 of the whole file. The store "
                + "is opened read-only; an existing --file is never overwritten."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", required = true, paramLabel = "URI", description = "The store to export.")
    String store;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The export file to create.")
    Path file;

    @Override
    public Integer call() {
        if (Files.exists(file)) {
            throw new CommandFailure(ExitCodes.USAGE, "export file " + file + " already exists; choose a new path");
        }
        StoreDigest digest;
        try (Steadfast source = ExistingStore.openReadOnly(store);
             OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            digest = StoreExport.write(source.store(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write export file " + file + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("OK: exported " + digest.units().size() + " units to " + file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
