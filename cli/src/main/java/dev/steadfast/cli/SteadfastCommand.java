package dev.steadfast.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
@Command(name = "steadfast", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Durable state JVM services can hand over safely: demo, inspect and verify a store.",
        footer = {"%nStart with: steadfast demo"})
public final class SteadfastCommand implements Callable<Integer> {
    private static final int USAGE_WIDTH = 140;

    /**
     * Every subcommand by the name its {@code @Command} gives it, in the order the usage lists them. Picocli reads
     * a command's annotations by reflection when it is added, a large part of a short command's start-up; so a run
     * adds only the subcommand it names ({@link #commandLine(String...)}). {@code SubcommandNamesTest} checks each
     * name against its annotation.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    /** Picocli instantiates this; use {@link #commandLine()} to run it. */
    public SteadfastCommand() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code, as the jar's {@link Main} does.
     *
     * @param args the subcommand and its options, for example {@code inspect --store sqlite:./app.db}
     */
    public static void main(String[] args) {
        Main.main(args);
    }

    /**
     * The command line with every subcommand, ready to {@link CommandLine#execute execute}, with one-line error
     * reporting; tests set its output and error writers to capture what it prints.
     *
     * @return the root command line
     */
    public static CommandLine commandLine() {
        return build(SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: when the first argument names a subcommand, only that one is
     * added (what it prints, accepts and returns is the same as with all of them); otherwise, as for the root's
     * usage, {@code help} or a mistyped name, all of them.
     *
     * @param args the arguments it will execute
     * @return the root command line
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            return build(Map.of(args[0], SUBCOMMANDS.get(args[0])));
        }
        return commandLine();
    }

    private static CommandLine build(Map<String, Supplier<Object>> subcommands) {
        Failures failures = new Failures();
        CommandLine root = new CommandLine(new SteadfastCommand());
        subcommands.values().forEach(command -> root.addSubcommand(command.get()));
        root.setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        // Wide enough that no example store URI in an option's description is broken mid-token (HelpTest).
        root.setUsageHelpWidth(USAGE_WIDTH);
        ExitCodes.describeIn(root);
        root.getSubcommands().values().forEach(ExitCodes::describeIn);
        return root;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("demo", DemoCommand::new);
        all.put("inspect", InspectCommand::new);
        all.put("verify", VerifyCommand::new);
        all.put("certify", CertifyCommand::new);
        all.put("repair", RepairCommand::new);
        all.put("compact", CompactCommand::new);
        all.put("copy", CopyCommand::new);
        all.put("export", ExportCommand::new);
        all.put("import", ImportCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        all.put("demo-writer", DemoWriterCommand::new);
        all.put("profile-worker", ProfileWorkerCommand::new);
        return Collections.unmodifiableMap(all);
    }

    /** Without a subcommand: the usage on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
