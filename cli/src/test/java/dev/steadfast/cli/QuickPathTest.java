package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.tck.LogScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code inspect}, {@code verify} and {@code --version} run without picocli ({@link QuickPath}) print and exit
 * exactly as picocli's run of the same arguments does, take exactly the options picocli's model of them lists,
 * and leave every other form to picocli.
 */
class QuickPathTest {
    @TempDir
    Path dir;

    @Test
    void theQuickOptionsAreExactlyTheOptionsPicocliListsForEachQuickCommand() {
        Set<String> quick = QuickPath.STORE_COMMAND_OPTIONS.stream()
                .map(o -> o.name() + (o.takesValue() ? " VALUE" : "") + (o.required() ? " required" : ""))
                .collect(Collectors.toSet());
        for (String command : QuickPath.COMMANDS) {
            CommandLine cmd = new CommandLine(SteadfastCommand.SUBCOMMANDS.get(command).factory().get());
            Set<String> picocli = cmd.getCommandSpec().options().stream()
                    .filter(o -> !o.usageHelp() && !o.versionHelp())
                    .map(o -> String.join("|", o.names()) + (o.arity().max() > 0 ? " VALUE" : "")
                            + (o.required() ? " required" : ""))
                    .collect(Collectors.toSet());

            assertEquals(picocli, quick, command);
        }
    }

    @Test
    void quickRunsPrintAndExitAsPicocliRunsOfTheSameArguments() {
        String store = populatedStore();
        String missing = "sqlite:" + dir.resolve("missing.db");
        List<String[]> forms = List.of(
                new String[] {"inspect", "--store", store}, new String[] {"inspect", "--json", "--store", store},
                new String[] {"inspect", "--store=" + store, "--json"}, new String[] {"verify", "--store", store},
                new String[] {"verify", "--store", store, "--json"}, new String[] {"inspect", "--store", missing},
                new String[] {"verify", "--store", "nosuch:x"}, new String[] {"inspect", "--store", "no-scheme"},
                new String[] {"--version"}, new String[] {"-V"});
        for (String[] args : forms) {
            Run picocli = picocli(args);

            assertTrue(quick(args).isPresent(), () -> "not taken by the quick path: " + List.of(args));
            assertEquals(picocli.toString(), Run.of(args).toString(), () -> List.of(args).toString());
        }
    }

    @Test
    void withVerboseAQuickRunsFailurePrintsTheSameLineThenTheStackTrace() {
        String[] args = {"inspect", "--verbose", "--store", "sqlite:" + dir.resolve("missing.db")};

        Run quick = Run.of(args);
        Run picocli = picocli(args);

        assertEquals(picocli.exitCode(), quick.exitCode(), quick::toString);
        assertEquals(picocli.errLines().get(0), quick.errLines().get(0));
        assertTrue(quick.errLines().get(1).startsWith(CommandFailure.class.getName()), quick::toString);
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        String store = "sqlite:" + dir.resolve("x.db");
        for (String[] args : List.of(new String[] {"inspect"}, new String[] {"inspect", "--help"},
                new String[] {"inspect", "-h", "--store", store}, new String[] {"inspect", "--version"},
                new String[] {"inspect", "--store"}, new String[] {"inspect", "--store", store, "--store", store},
                new String[] {"inspect", "--store", store, "--json", "--json"},
                new String[] {"inspect", "--store", store, "--colour"}, new String[] {"inspect", "--json=true"},
                new String[] {"inspect", "--store", "--json"}, new String[] {"inspect", "--store="},
                new String[] {"inspect", "--", "--store", store}, new String[] {"inspect", "@args.txt"},
                new String[] {"inspect", "--store", "@store.txt"}, new String[] {"inspect", "--store", store, "x"},
                new String[] {"demo"}, new String[] {"help", "inspect"}, new String[] {"--version", "x"},
                new String[] {})) {
            assertTrue(quick(args).isEmpty(), () -> "taken by the quick path: " + List.of(args));
        }
    }

    @Test
    void onlyQuickRunsOnJdksBefore21WithoutTheUsersOwnSettingUseTheCompatLocaleData() {
        String[] inspect = {"inspect", "--store", "sqlite:x.db"};

        assertEquals(Optional.of("COMPAT"), Main.compatLocaleData(inspect, 17, null));
        assertEquals(Optional.of("COMPAT"), Main.compatLocaleData(new String[] {"--version"}, 20, null));
        assertEquals(Optional.empty(), Main.compatLocaleData(inspect, 21, null), "JDK 21 warns about COMPAT");
        assertEquals(Optional.empty(), Main.compatLocaleData(inspect, 17, "CLDR"), "the user's own setting");
        assertEquals(Optional.empty(), Main.compatLocaleData(new String[] {"demo"}, 17, null), "not a quick run");
        assertEquals(Optional.empty(), Main.compatLocaleData(new String[] {"inspect", "--help"}, 17, null));
    }

    @Test
    void aQuickInspectDoesNotLoadPicocli() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "inspect", "--store", populatedStore()));
        Process p = LogScan.scanning(new ProcessBuilder(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "inspect did not finish in 120 s");

        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(Fixtures.ORDERS.value()) && output.contains(InspectCommand.class.getName()),
                "the log names the classes loaded:\n" + output);
        assertFalse(output.contains(" picocli."), "picocli was loaded:\n" + output);
    }

    private String populatedStore() {
        String uri = "sqlite:" + dir.resolve("quick.db");
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }
        return uri;
    }

    private static OptionalInt quick(String[] args) {
        return QuickPath.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    /** The same arguments through picocli alone, as before the quick path. */
    private static Run picocli(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SteadfastCommand.commandLine(args).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
