package dev.steadfast.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option every subcommand takes: stack traces on errors, more detail in output. */
final class Verbosity {
    /** The option's name, looked up by {@link Failures} in the parse result. */
    static final String OPTION = "--verbose";

    @Option(names = OPTION, description = "Print stack traces of errors.")
    boolean verbose;
}
