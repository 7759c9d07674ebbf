package dev.steadfast.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * JFR events for group commits, fence changes and recoveries, shown under "Steadfast" in JDK Mission Control
 * ({@code jcmd <pid> JFR.start}). Each is committed only when a recording has it enabled.
 */
final class JfrEvents {
    private JfrEvents() {
    }

    static void groupCommit(int batches, long nanos, boolean failed) {
        GroupCommitEvent e = new GroupCommitEvent();
        if (e.isEnabled()) {
            e.batches = batches;
            e.storeCall = nanos;
            e.failed = failed;
            e.commit();
        }
    }

    static void fenceChange(String fence, String owner, long epoch, String result) {
        FenceChangeEvent e = new FenceChangeEvent();
        if (e.isEnabled()) {
            e.fence = fence;
            e.owner = owner;
            e.epoch = epoch;
            e.result = result;
            e.commit();
        }
    }

    static void recovery(String session, long snapshotSequence, long entriesRead, long eventsReplayed, long nanos) {
        RecoveryEvent e = new RecoveryEvent();
        if (e.isEnabled()) {
            e.session = session;
            e.snapshotSequence = snapshotSequence;
            e.entriesRead = entriesRead;
            e.eventsReplayed = eventsReplayed;
            e.took = nanos;
            e.commit();
        }
    }

    @Name("dev.steadfast.GroupCommit")
    @Label("Group Commit")
    @Category("Steadfast")
    @Description("One store call of the group committer")
    static final class GroupCommitEvent extends Event {
        @Label("Batches")
        int batches;
        @Label("Store Call")
        @Timespan
        long storeCall;
        @Label("Failed")
        boolean failed;
    }

    @Name("dev.steadfast.FenceChange")
    @Label("Fence Change")
    @Category("Steadfast")
    @Description("A claim of an ownership fence or lease, granted or refused")
    static final class FenceChangeEvent extends Event {
        @Label("Fence")
        String fence;
        @Label("Owner")
        String owner;
        @Label("Epoch")
        long epoch;
        @Label("Result")
        String result;
    }

    @Name("dev.steadfast.Recovery")
    @Label("Session Recovery")
    @Category("Steadfast")
    @Description("A durable session rebuilt from its snapshot and journal")
    static final class RecoveryEvent extends Event {
        @Label("Session")
        String session;
        @Label("Snapshot Sequence")
        long snapshotSequence;
        @Label("Entries Read")
        long entriesRead;
        @Label("Events Replayed")
        long eventsReplayed;
        @Label("Took")
        @Timespan
        long took;
    }
}
