package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names; the table it picks from must match the commands' own names. */
class SubcommandsTest {
    @Test
    void everySubcommandIsListedUnderTheNameItsAnnotationGives() {
        SteadfastCommand.SUBCOMMANDS.forEach((name, command) -> {
            Object made = command.factory().get();
            assertEquals(command.type(), made.getClass(), name);
            assertEquals(name, new CommandLine(made).getCommandName());
            assertEquals(name, Summary.of(command.type()).getCommandName());
        });
    }

    @Test
    void aRunNamingASubcommandBuildsOnlyThatOneAndAnyOtherRunBuildsAll() {
        List<String> all = List.copyOf(SteadfastCommand.SUBCOMMANDS.keySet());

        assertEquals(List.of("inspect"), names(SteadfastCommand.commandLine("inspect", "--store", "x")));
        assertEquals(all, names(SteadfastCommand.commandLine()));
        assertEquals(all, names(SteadfastCommand.commandLine("help", "inspect")));
        assertEquals(all, names(SteadfastCommand.commandLine("inspekt")));
    }

    @Test
    void theRootsVersionBuildsNoSubcommand() {
        for (String option : List.of("--version", "-V")) {
            CommandLine root = SteadfastCommand.commandLine(option);
            assertEquals(List.of(), names(root), option);
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out, true));

            assertEquals(ExitCodes.OK, root.execute(option));
            assertEquals(Version.text() + System.lineSeparator(), out.toString(), option);
        }
    }

    @Test
    void theRootsUsageListsEverySubcommandWithoutBuildingAny() {
        List<String> all = List.copyOf(SteadfastCommand.SUBCOMMANDS.keySet());
        for (String option : List.of("--help", "-h")) {
            CommandLine root = SteadfastCommand.commandLine(option);
            assertEquals(all, names(root), option);
            root.getSubcommands().forEach((name, sub) -> assertNull(sub.getCommand(), name + " was built"));
        }
        CommandLine helpAlone = SteadfastCommand.commandLine("help");
        assertEquals(all, names(helpAlone));
        helpAlone.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                assertNull(sub.getCommand(), name + " was built");
            }
        });
    }

    @Test
    void theRootsUsageReadsTheSameAsWithEverySubcommandBuilt() {
        String[][] runs = {{"--help"}, {"-h"}, {"help"}, {}};
        for (String[] args : runs) {
            Run everything = runWithAll(args);
            Run lazily = Run.of(args);

            assertEquals(everything, lazily, String.join(" ", args));
            assertTrue(lazily.out().contains("inspect") || lazily.err().contains("inspect"), lazily::toString);
        }
    }

    private static Run runWithAll(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = SteadfastCommand.commandLine();
        root.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = root.execute(args);
        return new Run(code, out.toString(), err.toString());
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
