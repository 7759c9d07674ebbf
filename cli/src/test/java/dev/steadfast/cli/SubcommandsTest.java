package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names; the table it picks from must match the commands' own names. */
class SubcommandsTest {
    @Test
    void everySubcommandIsListedUnderTheNameItsAnnotationGives() {
        SteadfastCommand.SUBCOMMANDS.forEach((name, command) ->
                assertEquals(name, new CommandLine(command.get()).getCommandName()));
    }

    @Test
    void aRunNamingASubcommandBuildsOnlyThatOneAndAnyOtherRunBuildsAll() {
        List<String> all = List.copyOf(SteadfastCommand.SUBCOMMANDS.keySet());

        assertEquals(List.of("inspect"), names(SteadfastCommand.commandLine("inspect", "--store", "x")));
        assertEquals(all, names(SteadfastCommand.commandLine()));
        assertEquals(all, names(SteadfastCommand.commandLine("help", "inspect")));
        assertEquals(all, names(SteadfastCommand.commandLine("inspekt")));
        assertEquals(all, names(SteadfastCommand.commandLine("--version")));
    }

    @Test
    void aSubcommandsHelpIsTheSameBuiltAloneAsWithAllTheOthers() {
        for (String name : List.of("inspect", "verify", "demo", "copy")) {
            StringWriter out = new StringWriter();
            CommandLine withAll = SteadfastCommand.commandLine();
            withAll.setOut(new PrintWriter(out, true));
            withAll.execute(name, "--help");

            assertEquals(out.toString(), Run.of(name, "--help").out(), name);
        }
    }

    private static List<String> names(CommandLine root) {
        return List.copyOf(root.getSubcommands().keySet());
    }
}
