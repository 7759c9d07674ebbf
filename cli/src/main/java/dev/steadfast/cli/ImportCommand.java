package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.CopyException;
import dev.steadfast.lifecycle.CopyOptions;
import dev.steadfast.lifecycle.CopyReport;
import dev.steadfast.lifecycle.StoreImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast import}: restores an {@code export} file into an empty store of any backend. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Restore a file written by 'steadfast export' into an empty store of any backend.",
            "",
            "The whole file's SHA-256 is checked before anything is written; the store is then written in batches "
                + "and compared with the digest the file carries.",
            "Resumable: the target holds a marker naming the file's checksum until it verifies; importing the same "
                + "file again after an interruption continues where it stopped.",
            "Exit 1: the file is damaged or the result does not verify. Exit 5: the target is not empty (or holds "
                + "an interrupted import of another file)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The export file.")
    Path file;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "The store to restore into; created when missing, must be empty.")
    String store;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CopyReport report;
        try (Steadfast target = Steadfast.open(store)) {
            report = StoreImport.read(file, target.store(), CopyOptions.defaults().withProgress(line -> {
                err.println(line);
                err.flush();
            }));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.CHECK_FAILED, e.getMessage());
        } catch (CopyException e) {
            throw CopyCommand.failure(e);
        }
        spec.commandLine().getOut().println("OK: imported " + report.streams() + " journal(s), " + report.entries()
                + " entries, " + report.snapshots() + " snapshot(s), " + report.records() + " record(s), "
                + report.fences() + " fence(s)" + (report.resumed() ? " (resumed an interrupted import)" : "")
                + "; verified " + report.digest().units().size() + " units equal");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
