package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.session.ContinuityReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demo's verdict on continuity: data loss always decides, the measured time only when the user asked. */
class ContinuityVerdictTest {
    private final StringWriter out = new StringWriter();
    private final Narrator say = new Narrator(new PrintWriter(out));

    @Test
    void aSlowReconnectIsAWarningUnlessAnSloWasAskedFor() {
        new ContinuityVerdict(1_000, false).report(say, new ContinuityReport(5_000, 0, false));

        assertTrue(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("reconnect latency: 5000 ms"), out::toString);
        assertTrue(out.toString().contains("[warning] continuity SLO missed: 5000 ms against 1000 ms"), out::toString);
        say.summary(1);
        assertTrue(out.toString().contains("PASS: all 1 checks held (0.0 s; warnings: continuity SLO missed)"),
                out::toString);
    }

    @Test
    void aSlowReconnectFailsWhenTheSloWasAskedFor() {
        new ContinuityVerdict(1_000, true).report(say, new ContinuityReport(5_000, 0, false));

        assertFalse(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("[FAILED] continuity SLO met: 5000 ms against 1000 ms"), out::toString);
    }

    @Test
    void aLostAcknowledgedEventFailsWhateverTheTime() {
        new ContinuityVerdict(1_000, false).report(say, new ContinuityReport(10, 1, false));

        assertFalse(say.allHeld(), out::toString);
        assertTrue(out.toString().contains("[FAILED] no acknowledged event lost: 1 events lost"), out::toString);
    }
}
