package dev.steadfast.examples.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalChatTest {

    @Test
    void deliveryResumesInCausalOrderAfterBobRestartsMidConversation(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CausalChat.Outcome outcome = CausalChat.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String narration = printed.toString(StandardCharsets.UTF_8);

        assertTrue(outcome.packetsLost() > 0, "the link lost packets: " + narration);
        assertTrue(outcome.waitingWhenBobRestarted() > 0,
                "bob restarted while messages waited for a predecessor: " + narration);
        List<String> all = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> List.of("alice's line " + i, "bob's line " + i)).flatMap(List::stream).toList();
        assertEquals(24, outcome.aliceSaw().size(), narration);
        assertTrue(outcome.aliceSaw().containsAll(all), narration);
        assertTrue(outcome.bobSaw().containsAll(all), narration);
        assertEquals(24, outcome.bobSaw().size(), narration);
        assertInOrder(outcome.aliceSaw(), "alice's line");
        assertInOrder(outcome.bobSaw(), "alice's line");
        assertInOrder(outcome.bobSaw(), "bob's line");
        assertTrue(narration.contains("both logs are in causal order: true"), narration);
    }

    /** Each sender's lines depend on its previous ones, so every log shows them in the order they were said. */
    private static void assertInOrder(List<String> log, String prefix) {
        List<String> lines = log.stream().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(IntStream.rangeClosed(1, 12).mapToObj(i -> prefix + " " + i).toList(), lines);
    }
}
