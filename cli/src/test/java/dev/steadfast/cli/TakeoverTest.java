package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's takeover checks, in one JVM, with node-a's acknowledgements made up to hit each verdict. */
class TakeoverTest {
    private Steadfast steadfast;
    private DurableSessions<Long, Long> sessions;
    private final StringWriter out = new StringWriter();
    private final Narrator say = new Narrator(new PrintWriter(out, true));

    @BeforeEach
    void open() {
        steadfast = Steadfast.open("memory:");
        sessions = DemoSession.counters(steadfast.store(), steadfast.clock(), 60_000);
    }

    @AfterEach
    void close() {
        steadfast.close();
    }

    /** node-a appends {@code deltas}; returns the acknowledgements as node-a would have printed them. */
    private List<FirstOwner.Ack> writeAsNodeA(long... deltas) {
        DurableSession<Long, Long> a = sessions.start("s", DemoSession.FIRST_OWNER, "demo").orElseThrow();
        List<FirstOwner.Ack> acks = new ArrayList<>();
        for (long d : deltas) {
            AppendResult.Acknowledged ack = (AppendResult.Acknowledged) a.append(d);
            acks.add(new FirstOwner.Ack(ack.journalSequence(), d, a.state()));
        }
        return acks;
    }

    private void takeOver(List<FirstOwner.Ack> acks) {
        new Takeover(say, sessions, "s", steadfast.store())
                .run(new FirstOwner.Run(1, acks, System.currentTimeMillis(), 137), new ContinuityVerdict(60_000, true));
    }

    @Test
    void everyCheckHoldsWhenEveryAcknowledgedEventIsInTheStore() {
        takeOver(writeAsNodeA(3, 4, 5));

        assertTrue(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("sum of acknowledged deltas 12 == state 12"), out::toString);
    }

    @Test
    void aWriteCommittedButNeverAcknowledgedIsKeptAndExplained() {
        List<FirstOwner.Ack> acks = writeAsNodeA(3, 4, 5);

        takeOver(acks.subList(0, 2));

        assertTrue(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("+5 at journal seq 4 was committed as node-a died"), out::toString);
        assertTrue(out.toString().contains("sum of acknowledged deltas 7 + in-flight 5 == state 12"), out::toString);
    }

    @Test
    void anAcknowledgedEventMissingFromTheStoreFailsTheDemo() {
        List<FirstOwner.Ack> acks = new ArrayList<>(writeAsNodeA(3, 4));
        acks.add(new FirstOwner.Ack(4, 6, 13));

        takeOver(acks);

        assertFalse(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("[FAILED] every acknowledged event survived the kill"), out::toString);
    }
}
