package dev.steadfast.session;

import dev.steadfast.spi.Entry;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Rebuilds a session from its snapshot and the journal entries after it. Reads only the tail the snapshot does not
 * cover, so its cost is bounded by the checkpoint interval, not by the history.
 */
final class Rehydration {
    private Rehydration() {
    }

    static <S, E> Recovered<S> load(SessionContext<S, E> ctx, String defaultRoute) {
        long started = ctx.clock().nanos();
        long head = ctx.store().journalHead(ctx.stream());
        SessionType<S, E> type = ctx.type();
        S state = type.initialState();
        Lifecycle lifecycle = Lifecycle.LIVE;
        String route = defaultRoute;
        long covered = 0;
        long folded = 0;
        long total = 0;
        SnapshotFallback<S> start = SnapshotFallback.choose(ctx);
        state = start.state();
        if (start.envelope() != null) {
            SnapshotEnvelope env = start.envelope();
            lifecycle = env.lifecycle();
            route = env.route();
            covered = start.choice().sequence();
            folded = env.foldedEvents();
            total = env.totalEvents();
        }
        long read = 0;
        long events = 0;
        if (head > covered) {
            try (Stream<Entry> tail = ctx.store().readJournal(ctx.stream(), covered + 1, head, Integer.MAX_VALUE)) {
                for (Iterator<Entry> it = tail.iterator(); it.hasNext(); ) {
                    Entry entry = it.next();
                    read++;
                    SessionEntry<E> decoded = EntryCodec.decode(entry.sequence(), entry.payload(), type.eventCodec());
                    if (decoded instanceof SessionEntry.Event<E> e) {
                        state = type.reducer().apply(state, e.event());
                        events++;
                        folded++;
                        total++;
                    } else if (decoded instanceof SessionEntry.Opened<E> o) {
                        route = o.route();
                        lifecycle = Lifecycle.LIVE;
                    } else if (decoded instanceof SessionEntry.Crashed<E>) {
                        lifecycle = Lifecycle.CRASHED;
                    } else if (decoded instanceof SessionEntry.Restarted<E>) {
                        lifecycle = Lifecycle.DISCONNECTED;
                    } else if (decoded instanceof SessionEntry.Reconnected<E> r) {
                        lifecycle = Lifecycle.LIVE;
                        route = r.route();
                        if (r.policy() == ReconnectPolicy.REMOUNT) {
                            state = type.initialState();
                            folded = 0;
                        }
                    }
                }
            }
        }
        RecoveryStats stats = new RecoveryStats(covered, read, events, ctx.clock().nanos() - started,
                start.choice());
        return new Recovered<>(state, lifecycle, route, head, covered, events, folded, total, stats,
                lost(ctx, total));
    }

    /** Acknowledged events beyond what the rebuild found; only {@link PersistenceProfile.SnapshotOnly} has any. */
    private static long lost(SessionContext<?, ?> ctx, long recovered) {
        if (ctx.profile().journaled()) {
            return 0;
        }
        return ctx.store().getRecord(ctx.snapshotKey(), SessionContext.ACKNOWLEDGED_EVENTS)
                .map(bytes -> Math.max(0, ByteBuffer.wrap(bytes).getLong() - recovered))
                .orElse(0L);
    }
}
