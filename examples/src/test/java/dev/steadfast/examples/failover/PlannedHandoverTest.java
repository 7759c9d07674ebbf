package dev.steadfast.examples.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.replication.Role;
import dev.steadfast.replication.WriteOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannedHandoverTest {
    @TempDir
    Path dir;

    @Test
    void theReplicaTakesOverWithEveryOrderAndTheOldPrimaryIsRefused() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PlannedHandover.Result result = PlannedHandover.run(dir, new PrintStream(text, true));

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class, result.failover());
        assertTrue(outcome.isZeroRpo());
        assertEquals(2, outcome.newTerm());
        assertEquals(5, result.ordersOnNewPrimary(), "all five acknowledged orders are on west");
        assertEquals(new WriteOutcome.NotAccepted(Role.REPLICA, 2), result.oldPrimaryWrite());
        assertTrue(result.newPrimaryWrite().acknowledged(), result.newPrimaryWrite().toString());
        assertTrue(text.toString().contains("clean handover to term 2"), text.toString());
    }
}
