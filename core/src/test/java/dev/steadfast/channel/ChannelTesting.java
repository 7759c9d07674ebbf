package dev.steadfast.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Messages, stores that restart, and the channel invariants, for the channel tests. */
final class ChannelTesting {
    static final String ALL = "dev.steadfast.testing.Backends#all";
    static final String DURABLE = "dev.steadfast.testing.Backends#durable";

    private ChannelTesting() {
    }

    /** A message from {@code sender} with the given lamport and dependencies. */
    static Message msg(String id, String sender, long lamport, String... deps) {
        return Message.of(id, sender, lamport, List.of(deps), "body of " + id);
    }

    static ChannelState committed(StepResult result) {
        return result.orElseThrow();
    }

    /** Waits (bounded) for a stage and returns its value. */
    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** A recording store of a backend and channels over it, closed together. */
    static final class Rig implements AutoCloseable {
        final RecordingStore store;
        final Channels channels;

        Rig(Backend backend, Path dir, int cap) {
            store = new RecordingStore(backend.open(dir));
            channels = new Channels(store, new ManualClock(), new ChannelOptions(cap));
        }

        Channel open(String id) {
            return channels.open(id, "node").orElseThrow();
        }

        @Override
        public void close() {
            channels.close();
            store.close();
        }
    }

    /** A store and channels over it that can be closed and opened again, as a process restart does. */
    static final class Node implements AutoCloseable {
        private final Backend backend;
        private final Path dir;
        private final ChannelOptions options;
        final ManualClock clock = new ManualClock();
        Store store;
        Channels channels;

        Node(Backend backend, Path dir, ChannelOptions options) {
            this.backend = backend;
            this.dir = dir;
            this.options = options;
            start();
        }

        private void start() {
            store = backend.open(dir);
            channels = new Channels(store, clock, options);
        }

        /** Closes channels and store, and opens both again from disk. */
        void restart() {
            close();
            start();
        }

        Channel open(String id) {
            return channels.open(id, "node").orElseThrow();
        }

        @Override
        public void close() {
            channels.close();
            store.close();
        }
    }

    /**
     * The rules every stored channel keeps: history within the cap and in insertion order, no message both
     * delivered and waiting, no waiting message missing a delivered one, lamport at least every stored timestamp.
     */
    static void assertInvariants(ChannelState s, int cap) {
        String id = s.channelId();
        assertTrue(s.history().size() <= cap, id + ": history of " + s.history().size() + " over cap " + cap);
        long last = 0;
        Set<String> delivered = new HashSet<>();
        for (HistoryEntry e : s.history()) {
            assertTrue(e.position() > last, id + ": history out of insertion order at " + e);
            last = e.position();
            assertTrue(delivered.add(e.message().id()), id + ": delivered twice " + e.message().id());
            assertTrue(s.lamport() >= e.message().lamport(), id + ": lamport below " + e.message().id());
        }
        for (Waiting w : s.incoming().values()) {
            assertTrue(!delivered.contains(w.message().id()), id + ": both delivered and waiting: " + w);
            for (String m : w.missing()) {
                assertTrue(!delivered.contains(m), id + ": waits for delivered " + m);
            }
            assertTrue(s.lamport() >= w.message().lamport(), id + ": lamport below waiting " + w);
        }
        for (Unacknowledged u : s.outgoing().values()) {
            assertTrue(s.lamport() >= u.message().lamport(), id + ": lamport below outgoing " + u);
        }
        for (String hinted : s.retrievalHints().keySet()) {
            assertTrue(delivered.contains(hinted), id + ": hint for a message not in the history: " + hinted);
        }
    }

    static void assertSameState(ChannelState expected, ChannelState actual) {
        assertEquals(expected, actual);
    }
}
