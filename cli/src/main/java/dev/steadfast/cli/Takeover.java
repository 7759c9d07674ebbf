package dev.steadfast.cli;

import dev.steadfast.fence.Claim;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.RecoveryStats;
import dev.steadfast.session.SessionEntry;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Steps 3 to 5 of the demo, in the parent JVM: node-b takes over and rehydrates, the stale owner is refused by the
 * store, and the continuity report is read against the SLO.
 */
final class Takeover {
    private final Narrator say;
    private final DurableSessions<Long, Long> sessions;
    private final String id;
    private final Store store;

    Takeover(Narrator say, DurableSessions<Long, Long> sessions, String id, Store store) {
        this.say = say;
        this.sessions = sessions;
        this.id = id;
        this.store = store;
    }

    void run(FirstOwner.Run a, ContinuityVerdict verdict) {
        // A process frozen in a GC pause keeps the handle it had; re-claiming its own epoch writes nothing.
        DurableSession<Long, Long> stale = sessions.requestTakeover(id, DemoSession.FIRST_OWNER, a.epoch(),
                sessions.tokenFor(id, DemoSession.FIRST_OWNER, a.epoch())).orElseThrow();
        DurableSession<Long, Long> b = takeOver(a);
        long takeoverAt = System.currentTimeMillis();
        refuseStale(stale, b);
        verdict.report(say, b.continuityReport(a.killedAtMs(), takeoverAt));
    }

    private DurableSession<Long, Long> takeOver(FirstOwner.Run a) {
        DurableSession<Long, Long> b = sessions.takeOver(id, DemoSession.SECOND_OWNER).orElseThrow();
        RecoveryStats r = b.lastRecovery();
        say.step(3, DemoSession.SECOND_OWNER + " takes the session over at epoch " + b.fence().epoch()
                + " (node-a held " + a.epoch() + ") and rehydrates it from the store");
        say.line(String.format("recovery read the snapshot covering journal seq %d and %s after it (%s replayed) "
                + "in %.1f ms", r.snapshotSequence(), plural(r.entriesRead(), "journal entry", "journal entries"),
                plural(r.eventsReplayed(), "event", "events"), r.nanos() / 1e6));
        Map<Long, Long> journaled = journaledEvents(b);
        long journaledSum = journaled.values().stream().mapToLong(Long::longValue).sum();
        long missing = a.acks().stream().filter(k -> !Long.valueOf(k.delta()).equals(journaled.get(k.sequence())))
                .count();
        long lastAcked = a.acks().isEmpty() ? 0 : a.acks().get(a.acks().size() - 1).sequence();
        Map<Long, Long> unacked = new HashMap<>(journaled);
        a.acks().forEach(k -> unacked.remove(k.sequence()));
        say.line(DemoSession.FIRST_OWNER + " acknowledged " + a.acks().size() + " events; their deltas sum to "
                + a.ackedSum());
        say.line(DemoSession.SECOND_OWNER + "'s rehydrated state: " + b.state());
        unacked.forEach((seq, delta) -> say.line(String.format("(+%d at journal seq %d was committed as node-a died, "
                + "before it could print the acknowledgement: kept, as a durable write must be)", delta, seq)));
        boolean onlyTail = unacked.keySet().stream().allMatch(seq -> seq > lastAcked);
        say.check("every acknowledged event survived the kill",
                missing == 0 && onlyTail && b.state() == journaledSum && b.state() == a.ackedSum() + sum(unacked),
                "sum of acknowledged deltas " + a.ackedSum() + (unacked.isEmpty() ? "" : " + in-flight " + sum(unacked))
                        + " == state " + b.state() + ", " + missing + " acknowledged events missing");
        return b;
    }

    private void refuseStale(DurableSession<Long, Long> stale, DurableSession<Long, Long> b) {
        say.step(4, "the stale owner " + DemoSession.FIRST_OWNER + " (still holding epoch " + stale.fence().epoch()
                + ", as a paused process would) tries to append +1");
        long headBefore = head();
        AppendResult result = stale.append(1L);
        long headAfter = head();
        if (result instanceof AppendResult.Refused refused) {
            say.line("the store refused it: " + refused.conflict().getClass().getSimpleName() + ": "
                    + refused.conflict().message());
            say.line("reason: " + refused.reason());
        }
        say.check("stale append refused by the store with FencedOut",
                result instanceof AppendResult.Refused r && r.conflict() instanceof FencedOut f
                        && f.foundOwner().equals(DemoSession.SECOND_OWNER),
                result instanceof AppendResult.Refused r ? "refused with " + r.conflict()
                        : "it was ACKNOWLEDGED: " + result);
        say.check("journal unchanged by the refused write", headBefore == headAfter,
                "journal head " + headBefore + " before, " + headAfter + " after");
        Claim<DurableSession<Long, Long>> reopen = sessions.open(id, stale.fence());
        say.check("re-opening as the stale owner refused", reopen instanceof Claim.Rejected,
                reopen instanceof Claim.Rejected<DurableSession<Long, Long>> rj ? rj.error().message() : "it was granted");
        AppendResult next = b.append(1L);
        say.check(DemoSession.SECOND_OWNER + " writes on", next.acknowledged(), next.acknowledged()
                ? "+1 acknowledged at journal seq " + ((AppendResult.Acknowledged) next).journalSequence()
                        + ", state " + b.state() : "refused: " + next);
    }

    private static Map<Long, Long> journaledEvents(DurableSession<Long, Long> session) {
        Map<Long, Long> events = new HashMap<>();
        try (Stream<SessionEntry<Long>> entries = session.readJournal()) {
            entries.forEach(e -> {
                if (e instanceof SessionEntry.Event<Long> ev) {
                    events.put(ev.sequence(), ev.event());
                }
            });
        }
        return events;
    }

    private long head() {
        return store.journalHead(StreamId.of(DurableSessions.fenceName(id)));
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static long sum(Map<Long, Long> deltas) {
        return deltas.values().stream().mapToLong(Long::longValue).sum();
    }
}
