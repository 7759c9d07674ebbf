package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * granted once, and a JVM that was refused while the other held an epoch (so it holds a place in the queue) gets
 * the very next grant: the holder that released and asked again at once finds it queued and goes behind it. This
 * holds whatever the scheduling, so the test does not depend on timing.
 */
class CrossProcessFairLeaseTest {
    private static final int LIMIT = 40;
    private static final List<String> OWNERS = List.of("jvm-a", "jvm-b");

    @TempDir
    Path dir;

    @Test
    void aJvmWaitingInTheQueueGetsTheNextGrantBeforeTheHolderCanTakeItBack() throws Exception {
        String uri = "sqlite:" + dir.resolve("shared.db");
        Map<Long, String> owners = new TreeMap<>();
        Map<Long, String> waiting = new TreeMap<>();
        List<ChildProcess> children = new ArrayList<>();
        try {
            for (String owner : OWNERS) {
                children.add(new ChildProcess(FairContenderProcess.class, dir.resolve(owner + ".err"), uri, owner,
                        Integer.toString(LIMIT)));
            }
            for (ChildProcess child : children) {
                assertEquals("ready", child.next());
            }
            children.forEach(c -> c.send("go"));
            for (int i = 0; i < children.size(); i++) {
                String owner = OWNERS.get(i);
                for (String line = children.get(i).next(); !line.equals("DONE"); line = children.get(i).next()) {
                    long epoch = Long.parseLong(line.substring(2));
                    if (line.startsWith("G ")) {
                        assertNull(owners.put(epoch, owner), "epoch " + epoch + " granted twice");
                    } else {
                        waiting.put(epoch, owner);
                    }
                }
                assertTrue(children.get(i).exitsWithin(60), owner + " did not exit");
            }
        } finally {
            for (ChildProcess child : children) {
                child.close();
            }
        }
        assertEquals(LIMIT, owners.size(), "epochs granted: " + owners.keySet());
        waiting.forEach((epoch, owner) -> {
            if (epoch < LIMIT) {
                assertEquals(owner, owners.get(epoch + 1), owner + " was waiting while epoch " + epoch
                        + " was held, yet the next grant went elsewhere; grants " + owners);
            }
        });
        long turns = owners.values().stream().filter(OWNERS.get(0)::equals).count();
        System.out.println("cross-process fair lease: grants " + owners + ", waits " + waiting);
        assertTrue(!waiting.isEmpty() && turns > 0 && turns < LIMIT, "no contention to judge: grants " + owners);
    }
}
