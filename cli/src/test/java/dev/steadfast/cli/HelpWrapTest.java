package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.CommandSpec;

/** Every example store URI in an option's description prints whole on one line of the help, so it can be copied. */
class HelpWrapTest {
    private static final Pattern URI = Pattern.compile("(sqlite|encrypted-file|postgresql|h2):[^\\s,)]+");

    @ParameterizedTest
    @ValueSource(strings = {"demo", "inspect", "verify", "certify", "repair"})
    void exampleUrisAreNotWrappedMidToken(String command) {
        String out = Run.of(command, "--help").out();
        CommandSpec spec = SteadfastCommand.commandLine().getSubcommands().get(command).getCommandSpec();
        List<String> uris = spec.options().stream()
                .flatMap(o -> List.of(o.description()).stream())
                .flatMap(d -> URI.matcher(d).results().map(m -> m.group()))
                .toList();

        assertFalse(uris.isEmpty(), command + " --help names no example URI");
        for (String uri : uris) {
            assertTrue(out.contains(uri), "'" + uri + "' is broken across lines in:\n" + out);
        }
    }
}
