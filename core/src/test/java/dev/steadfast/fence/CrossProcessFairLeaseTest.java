package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.testing.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one SQLite file, each releasing the lease and asking again at once, in a tight loop. Each epoch is
 * granted once, and from the moment both have had the lease they take it in turns: whoever releases finds the
 * other queued and goes behind it.
 */
class CrossProcessFairLeaseTest {
    private static final int LIMIT = 40;

    @TempDir
    Path dir;

    @Test
    void twoGreedyJvmsTakeTheLeaseInTurnsAndEveryEpochIsGrantedOnce() throws Exception {
        String uri = "sqlite:" + dir.resolve("shared.db");
        Map<Long, String> owners = new TreeMap<>();
        List<ChildProcess> children = new ArrayList<>();
        try {
            for (String owner : List.of("jvm-a", "jvm-b")) {
                children.add(new ChildProcess(FairContenderProcess.class, dir.resolve(owner + ".err"), uri, owner,
                        Integer.toString(LIMIT)));
            }
            for (ChildProcess child : children) {
                assertEquals("ready", child.next());
            }
            children.forEach(c -> c.send("go"));
            for (int i = 0; i < children.size(); i++) {
                String owner = i == 0 ? "jvm-a" : "jvm-b";
                for (String line = children.get(i).next(); !line.equals("DONE"); line = children.get(i).next()) {
                    long epoch = Long.parseLong(line.substring(2));
                    String before = owners.put(epoch, owner);
                    assertEquals(null, before, "epoch " + epoch + " granted twice");
                }
                assertTrue(children.get(i).exitsWithin(60), owner + " did not exit");
            }
        } finally {
            for (ChildProcess child : children) {
                child.close();
            }
        }
        List<String> order = new ArrayList<>(owners.values());
        assertEquals(LIMIT, order.size(), "epochs granted: " + owners.keySet());
        int bothIn = Math.max(order.indexOf("jvm-a"), order.indexOf("jvm-b"));
        assertTrue(bothIn >= 0 && bothIn < LIMIT / 2, "the second JVM got its first turn only at " + bothIn);
        for (int i = bothIn + 1; i < order.size(); i++) {
            assertTrue(!order.get(i).equals(order.get(i - 1)),
                    "turns not taken alternately from the " + bothIn + "th grant on: " + order);
        }
    }
}
