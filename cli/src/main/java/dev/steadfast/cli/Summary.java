package dev.steadfast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand as the root's usage lists it: its name, aliases, header and description, read from its
 * {@code @Command} annotation alone. Building the real command makes picocli reflect over every option, mixin and
 * field of it, which the root's usage never shows; {@code SubcommandsTest} checks that the usage reads the same
 * either way.
 */
final class Summary {
    private Summary() {
    }

    /** The summary of {@code type}, a class annotated with {@code @Command}; nothing of it is instantiated. */
    static CommandLine of(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        return new CommandLine(spec);
    }
}
