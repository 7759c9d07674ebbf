package dev.steadfast.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs the commands a user runs most, and whose start-up is most of their time ({@code inspect}, {@code verify},
 * {@code --version}), without picocli: building picocli's model of a command costs about as much as the command
 * itself, and picocli's classes (Java 5 bytecode) cannot go into the class-data archive. It takes only the plain
 * successful forms; anything else (help, a mistake, an option it does not know, picocli's own syntax such as
 * {@code @file} or {@code --}) is left to picocli, which prints the help and the errors, so those read the same
 * either way.
 *
 * <p>{@link #STORE_COMMAND_OPTIONS} is the one list of what it accepts; {@code QuickPathTest} checks it against
 * picocli's model of each command it runs, so a new option on one of them cannot be silently ignored here.
 */
final class QuickPath {
    static final String STORE = "--store";
    static final String JSON = "--json";

    /** The commands run here; each takes {@link #STORE_COMMAND_OPTIONS}. */
    static final Set<String> COMMANDS = Set.of("inspect", "verify");

    /** The root's version options, as picocli's standard help options name them. */
    static final Set<String> VERSION = Set.of("-V", "--version");

    /** An option: its name, whether it takes a value, whether a run must give it. */
    record Option(String name, boolean takesValue, boolean required) {
    }

    /** Every option of the {@link #COMMANDS} besides picocli's {@code --help} and {@code --version}. */
    static final List<Option> STORE_COMMAND_OPTIONS = List.of(
            new Option(STORE, true, true), new Option(JSON, false, false),
            new Option(Verbosity.OPTION, false, false));

    private QuickPath() {
    }

    /**
     * Runs {@code args} when they are a form taken here.
     *
     * @return the exit code, or empty when picocli must run {@code args}
     */
    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            out.println(Version.text());
            out.flush();
            return OptionalInt.of(ExitCodes.OK);
        }
        Optional<Map<String, String>> options = parse(args);
        if (options.isEmpty()) {
            return OptionalInt.empty();
        }
        String store = options.get().get(STORE);
        boolean json = options.get().containsKey(JSON);
        try {
            return OptionalInt.of(args[0].equals("inspect")
                    ? InspectCommand.run(store, json, out) : VerifyCommand.run(store, json, out));
        } catch (Exception e) {
            return OptionalInt.of(ErrorReport.print(e, "steadfast " + args[0], options.get()
                    .containsKey(Verbosity.OPTION), err));
        }
    }

    /** Whether {@link #run} runs {@code args} (rather than leave them to picocli). */
    static boolean takes(String[] args) {
        return args.length == 1 && VERSION.contains(args[0]) || parse(args).isPresent();
    }

    /**
     * The options {@code args} give one of the {@link #COMMANDS}, by name (a flag maps to ""); empty unless each is
     * one of {@link #STORE_COMMAND_OPTIONS}, given once, with a plain value when it takes one, and every required
     * one is there.
     */
    static Optional<Map<String, String>> parse(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return Optional.empty();
        }
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Optional<Option> option = option(name);
            if (option.isEmpty()) {
                return Optional.empty();
            }
            if (option.get().takesValue()) {
                if (value == null) {
                    if (i + 1 == args.length) {
                        return Optional.empty();
                    }
                    value = args[++i];
                }
                // Values picocli might read another way (an option, an @file to expand) or refuse: left to it.
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return Optional.empty();
                }
            } else if (value != null) {
                return Optional.empty();
            }
            if (given.put(name, value == null ? "" : value) != null) {
                return Optional.empty();
            }
        }
        for (Option o : STORE_COMMAND_OPTIONS) {
            if (o.required() && !given.containsKey(o.name())) {
                return Optional.empty();
            }
        }
        return Optional.of(given);
    }

    // Loops rather than streams and lambdas in this class: linking those costs a quick command time.
    private static Optional<Option> option(String name) {
        for (Option o : STORE_COMMAND_OPTIONS) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
