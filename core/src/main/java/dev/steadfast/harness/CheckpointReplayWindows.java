package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.RecoveryStats;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Snapshot;
import java.util.List;

/**
 * A durable counter session takes events between checkpoints (its snapshots, one every
 * {@value #CHECKPOINT_EVERY} journal entries); at points the seed picks its owner crashes (the handle is lost)
 * and a node recovers the session, by re-claiming its own epoch or taking over at the next. Every recovery must
 * hold exactly the acknowledged events, replay at most one checkpoint interval, and leave the crashed owner's
 * handle unable to write. The replay window is the time from the last checkpoint to the crash.
 */
final class CheckpointReplayWindows {
    static final int CHECKPOINT_EVERY = 8;
    static final int STEPS = 60;
    static final long MAX_GAP_MS = 50;
    /** At most {@code CHECKPOINT_EVERY - 1} entries follow a checkpoint, each at most {@link #MAX_GAP_MS} later. */
    static final long REPLAY_BOUND_MS = (CHECKPOINT_EVERY - 1) * MAX_GAP_MS;
    private static final List<String> NODES = List.of("n0", "n1", "n2");

    private final Run run;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final DurableSessions<Long, Long> sessions;
    private final String id;
    private final Ledger ledger;
    private DurableSession<Long, Long> session;
    private long ackedSum;
    private long checkpointCovers;
    private long checkpointAt;

    private CheckpointReplayWindows(Run run) {
        this.run = run;
        this.sessions = new Sessions(run.store(), clock)
                .counters(SessionOptions.of(new PersistenceProfile.SnapshotJournal(CHECKPOINT_EVERY)));
        this.id = run.name("ckpt");
        this.ledger = new Ledger(run, "ckpt", DurableSessions.fenceName(id));
    }

    static void run(Run run) {
        new CheckpointReplayWindows(run).play();
    }

    private void play() {
        session = sessions.start(id, NODES.get(0), "r0").orElseThrow();
        ledger.granted(NODES.get(0), 1, Long.MAX_VALUE);
        checkpointAt = clock.millis();
        List<Scheduler.Task> tasks = List.of(this::append, this::append, this::append, this::crashAndRecover);
        run.scheduler().run(STEPS, tasks, 0, () -> { }, ledger::checkFence);
        recover("auditor", true);
        ledger.checkFence();
    }

    private void append() {
        long delta = run.scheduler().between(1, 9);
        clock.advanceMillis(run.scheduler().between(1, MAX_GAP_MS));
        AppendResult result = session.append(delta);
        run.trace().step(session.fence().owner() + " append " + delta + " -> "
                + (result.acknowledged() ? "acknowledged" : "refused"));
        if (result instanceof AppendResult.Refused refused) {
            run.trace().violation("the current owner's write is accepted", "append of " + delta + " by '"
                    + session.fence().owner() + "' at epoch " + session.fence().epoch() + " was refused: "
                    + refused.reason());
            return;
        }
        run.tally().acknowledged++;
        ackedSum += delta;
        noteCheckpoint();
    }

    private void crashAndRecover() {
        String next = NODES.get(run.scheduler().below(NODES.size()));
        recover(next, false);
    }

    /** Loses the current handle at a crash and recovers the session for {@code node}. */
    private void recover(String node, boolean takeOver) {
        long crashAt = clock.millis();
        long replayWindow = crashAt - checkpointAt;
        DurableSession<Long, Long> crashed = session;
        clock.advanceMillis(run.scheduler().between(1, MAX_GAP_MS));
        boolean same = node.equals(crashed.fence().owner()) && !takeOver;
        Claim<DurableSession<Long, Long>> claim = same
                ? sessions.requestTakeover(id, node, crashed.fence().epoch(),
                        sessions.tokenFor(id, node, crashed.fence().epoch()))
                : sessions.takeOver(id, node);
        if (claim instanceof Claim.Rejected<DurableSession<Long, Long>> r) {
            run.tally().refused(r.error());
            run.trace().violation("a crashed session can be recovered", "'" + node + "' could not recover session "
                    + "'ckpt' after '" + crashed.fence().owner() + "' crashed: " + r.error().message());
            return;
        }
        session = claim.orElseThrow();
        RecoveryStats stats = session.lastRecovery();
        run.trace().step(node + " recovers at epoch " + session.fence().epoch() + " replaying "
                + stats.entriesRead() + " entries after seq " + stats.snapshotSequence() + ", window "
                + replayWindow + " ms");
        ledger.granted(node, session.fence().epoch(), Long.MAX_VALUE);
        run.tally().checkpointWindowEvents = Math.max(run.tally().checkpointWindowEvents, stats.entriesRead());
        run.tally().replayWindowMs = Math.max(run.tally().replayWindowMs, replayWindow);
        if (session.state() != ackedSum) {
            run.trace().violation(Ledger.ACKED_SURVIVE, "session 'ckpt' recovered by '" + node + "' at epoch "
                    + session.fence().epoch() + " holds counter " + session.state()
                    + ", the acknowledged deltas sum to " + ackedSum);
        }
        noteCheckpoint();
        if (!same) {
            AppendResult late = crashed.append(1L);
            run.trace().step(crashed.fence().owner() + " late append -> " + (late.acknowledged() ? "acknowledged"
                    : "refused"));
            if (late.acknowledged()) {
                run.trace().violation(Ledger.NO_STALE_WRITE, "crashed owner '" + crashed.fence().owner()
                        + "' at epoch " + crashed.fence().epoch() + " appended to session 'ckpt' after '" + node
                        + "' recovered it at epoch " + session.fence().epoch());
            } else {
                run.tally().staleRefused++;
            }
        }
    }

    /** A new snapshot is a new checkpoint: the replay window starts again. */
    private void noteCheckpoint() {
        long covers = run.store().loadSnapshot(ledger.fenceName()).map(Snapshot::coveredSequence).orElse(0L);
        if (covers != checkpointCovers) {
            checkpointCovers = covers;
            checkpointAt = clock.millis();
            run.trace().step("checkpoint covers " + covers);
        }
    }
}
