package dev.steadfast.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
     * adds only what it uses ({@link #commandLine(String...)}). {@code SubcommandsTest} checks each name against its
     * annotation.
     */
    static final Map<String, Subcommand> SUBCOMMANDS = subcommands();

    private static final String HELP = "help";
    private static final Set<String> ROOT_HELP = Set.of("-h", "--help");

    /** A subcommand: its class, whose {@code @Command} a {@link Summary} reads, and how to make one. */
    record Subcommand(Class<?> type, Supplier<Object> factory) {
    }

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
        return build(SUBCOMMANDS, false);
    }

    /**
     * The command line that runs {@code args}, with only what that run needs: when the first argument names a
     * subcommand, that one alone (what it prints, accepts and returns is the same as with all of them); for the
     * root's version, none; for the root's usage ({@code --help}, no arguments, {@code help} alone), each of the
     * others only as its name and description, which is all the usage prints of them ({@link Summary}); otherwise
     * ({@code help inspect}, a mistyped name, ...) all of them.
     *
     * @param args the arguments it will execute
     * @return the root command line
     */
    public static CommandLine commandLine(String... args) {
        if (args.length == 1 && QuickPath.VERSION.contains(args[0])) {
            return build(Map.of(), false);
        }
        if (args.length == 0 || args.length == 1 && ROOT_HELP.contains(args[0])) {
            return build(Map.of(), true);
        }
        if (args.length == 1 && args[0].equals(HELP)) {
            return build(Map.of(HELP, SUBCOMMANDS.get(HELP)), true);
        }
        if (SUBCOMMANDS.containsKey(args[0]) && !args[0].equals(HELP)) {
            return build(Map.of(args[0], SUBCOMMANDS.get(args[0])), false);
        }
        return commandLine();
    }

    /** {@code built} as command objects; with {@code summaries}, every other subcommand as a {@link Summary}. */
    private static CommandLine build(Map<String, Subcommand> built, boolean summaries) {
        Failures failures = new Failures();
        CommandLine root = new CommandLine(new SteadfastCommand());
        SUBCOMMANDS.forEach((name, command) -> {
            if (built.containsKey(name)) {
                root.addSubcommand(command.factory().get());
            } else if (summaries) {
                root.addSubcommand(Summary.of(command.type()));
            }
        });
        root.setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        // Wide enough that no example store URI in an option's description is broken mid-token (HelpTest).
        root.setUsageHelpWidth(USAGE_WIDTH);
        ExitCodes.describeIn(root);
        root.getSubcommands().values().forEach(ExitCodes::describeIn);
        return root;
    }

    private static Map<String, Subcommand> subcommands() {
        Map<String, Subcommand> all = new LinkedHashMap<>();
        all.put("demo", new Subcommand(DemoCommand.class, DemoCommand::new));
        all.put("inspect", new Subcommand(InspectCommand.class, InspectCommand::new));
        all.put("verify", new Subcommand(VerifyCommand.class, VerifyCommand::new));
        all.put("certify", new Subcommand(CertifyCommand.class, CertifyCommand::new));
        all.put("repair", new Subcommand(RepairCommand.class, RepairCommand::new));
        all.put("compact", new Subcommand(CompactCommand.class, CompactCommand::new));
        all.put("copy", new Subcommand(CopyCommand.class, CopyCommand::new));
        all.put("export", new Subcommand(ExportCommand.class, ExportCommand::new));
        all.put("import", new Subcommand(ImportCommand.class, ImportCommand::new));
        all.put(HELP, new Subcommand(CommandLine.HelpCommand.class, CommandLine.HelpCommand::new));
        all.put("demo-writer", new Subcommand(DemoWriterCommand.class, DemoWriterCommand::new));
        all.put("profile-worker", new Subcommand(ProfileWorkerCommand.class, ProfileWorkerCommand::new));
        return Collections.unmodifiableMap(all);
    }

    /** Without a subcommand: the usage on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
