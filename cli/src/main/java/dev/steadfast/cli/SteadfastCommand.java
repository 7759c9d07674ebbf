package dev.steadfast.cli;

import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code steadfast} command: {@code demo} shows a durable session surviving {@code kill -9} and a takeover,
 * {@code inspect} lists what a store holds, {@code verify} checks it. Run {@code steadfast <command> --help}.
 *
 * <p>Exit codes: the table in {@code ExitCodes}, printed by every command's help and repeated in the README. Errors
 * are one line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(name = "steadfast", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Durable state JVM services can hand over safely: demo, inspect and verify a store.",
        subcommands = {DemoCommand.class, InspectCommand.class, VerifyCommand.class, CertifyCommand.class,
                RepairCommand.class, CompactCommand.class, CopyCommand.class, ExportCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class, DemoWriterCommand.class, ProfileWorkerCommand.class},
        footer = {"%nStart with: steadfast demo"})
public final class SteadfastCommand implements Callable<Integer> {
    private static final int USAGE_WIDTH = 140;
    @Spec
    CommandSpec spec;

    /** Picocli instantiates this; use {@link #commandLine()} to run it. */
    public SteadfastCommand() {
    }

    /** Runs the command line and exits the JVM with its exit code. */
    /** Held so that the level set in {@link #main} is not lost when the logger is collected. */
    private static final Logger LIBRARY_LOGGER = Logger.getLogger("dev.steadfast");

    public static void main(String[] args) {
        // The jar bundles no SLF4J binding (backends log nothing a command user needs); without this, SLF4J
        // prints a three-line warning about it on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // The library logs takeovers, recoveries and opens at INFO for operators; a command narrates those itself,
        // so its console shows only warnings unless the user configured java.util.logging.
        if (System.getProperty("java.util.logging.config.file") == null) {
            LIBRARY_LOGGER.setLevel(Level.WARNING);
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, ready to {@link CommandLine#execute execute}, with one-line error reporting; tests set its
     * output and error writers to capture what it prints.
     */
    public static CommandLine commandLine() {
        Failures failures = new Failures();
        CommandLine root = new CommandLine(new SteadfastCommand())
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        // Wide enough that no example store URI in an option's description is broken mid-token (HelpTest).
        root.setUsageHelpWidth(USAGE_WIDTH);
        ExitCodes.describeIn(root);
        root.getSubcommands().values().forEach(ExitCodes::describeIn);
        return root;
    }

    /** Without a subcommand: the usage on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
