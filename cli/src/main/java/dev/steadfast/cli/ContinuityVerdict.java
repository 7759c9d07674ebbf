package dev.steadfast.cli;

import dev.steadfast.session.ContinuityReport;

/**
 * Step 5 of the demo. Losing an acknowledged event is a correctness failure, always a check; the reconnect time
 * depends on the machine's load, so it is measured and reported, and a breach of the SLO is a warning unless the
 * user asked for the SLO ({@code --slo-ms}), when it is a check.
 *
 * @param sloMs the continuity SLO in milliseconds
 * @param enforced whether a breach fails the demo
 */
record ContinuityVerdict(long sloMs, boolean enforced) {

    void report(Narrator say, ContinuityReport report) {
        say.step(5, "continuity report (SLO: back within " + sloMs + " ms, at most "
                + DemoSession.MAX_DATA_LOSS_EVENTS + " events lost" + (enforced ? "" : "; the time is reported,"
                + " a check only with --slo-ms") + ")");
        say.line("reconnect latency: " + report.reconnectLatencyMs() + " ms on the wall clock, from the kill to "
                + DemoSession.SECOND_OWNER + " holding the rehydrated session");
        say.check("no acknowledged event lost", report.estimatedDataLossEvents() <= DemoSession.MAX_DATA_LOSS_EVENTS,
                report.estimatedDataLossEvents() + " events lost against " + DemoSession.MAX_DATA_LOSS_EVENTS
                        + " allowed (every event is journaled before it is acknowledged)");
        boolean fast = report.reconnectLatencyMs() <= sloMs;
        String evidence = report.reconnectLatencyMs() + " ms against " + sloMs + " ms";
        if (enforced) {
            say.check("continuity SLO met", fast, evidence);
        } else if (!fast) {
            say.warn("continuity SLO missed", evidence + " (a loaded machine is slow; pass --slo-ms to make"
                    + " this a check)");
        } else {
            say.line("within the SLO: " + evidence);
        }
    }
}
