package dev.steadfast.benchmarks.peers;

import dev.steadfast.benchmarks.WriterBatches;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event journals, in events per second, with 256-byte payloads: Steadfast (an append at the journal's head through
 * core's group commit; replay a journal read) beside Pekko Persistence JDBC ({@link PekkoJournal}: a persistent
 * actor per journal, one {@code persist} per event, awaited; replay an actor's recovery) and the raw JDBC baseline
 * (one auto-commit {@code INSERT} per event on a connection per writer; replay one {@code SELECT} in sequence order).
 *
 * <ul>
 *   <li>{@code oneWriter}: one journal, one event at a time;</li>
 *   <li>{@code sixteenWriters}: sixteen threads, one journal each;</li>
 *   <li>{@code replay}: one journal of 100,000 events read from the start, per invocation.</li>
 * </ul>
 * Same engine and durability per {@code db} for all three ({@link PeerDatabase}). On H2, {@code writeDelayMs} sets
 * {@code WRITE_DELAY} for all three alike: 0 is what Steadfast's {@code h2:} runs by default (a commit is written to
 * the file before it is acknowledged), 500 is H2's own default, which Pekko's users get (commits written together
 * up to 500 ms later; Steadfast opened with {@code h2:...?writeDelayMs=500}). Other databases take only 0.
 *
 * <p>Full run (figures for {@code benchmarks/RESULTS.md}; each case in its own JVM):
 * <pre>java -jar benchmarks/target/benchmarks.jar PekkoJournalBenchmark -p db=h2 -wi 3 -w 5s -i 5 -r 3s -f 1
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -jar benchmarks/target/benchmarks.jar PekkoJournalBenchmark \
 *     -p db=postgresql -p writeDelayMs=0 -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 * Smoke run, proves every case runs, takes no figures:
 * <pre>java -jar benchmarks/target/benchmarks.jar PekkoJournalBenchmark -wi 0 -i 1 -r 1s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PekkoJournalBenchmark {
    static final int PAYLOAD_BYTES = 256;
    static final int REPLAYED = 100_000;
    private static final int CONNECTIONS = 16;

    /** The database and, per implementation, what writes to it. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** {@code h2} or {@code postgresql}. */
        @Param({"h2", "postgresql"})
        public String db;

        /** H2's {@code WRITE_DELAY} for every side: 0 (Steadfast's default) or 500 (H2's); 0 only elsewhere. */
        @Param({"0", "500"})
        public int writeDelayMs;

        /**
         * {@code steadfast}, {@code pekko} or {@code raw}; or {@code steadfast-unnest}, Steadfast with the JDBC
         * store's one-statement group append switched on (each group of appends one {@code unnest} statement instead
         * of one JDBC batch of one statement per append), not in the default list.
         */
        @Param({"steadfast", "pekko", "raw"})
        public String impl;

        PeerDatabase database;
        Store store;
        ActorSystem system;
        final AtomicInteger journals = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            database = new PeerDatabase(db, writeDelayMs);
            switch (impl) {
                case "steadfast" -> store = database.steadfast().store();
                case "steadfast-unnest" -> store = WriterBatches.open(true, () -> database.steadfast().store());
                case "pekko" -> system = PekkoJournal.start(database, CONNECTIONS);
                case "raw" -> database.execute("CREATE TABLE journal (stream VARCHAR(255) NOT NULL,"
                        + " seq BIGINT NOT NULL, payload " + (db.equals("h2") ? "VARBINARY(1024)" : "BYTEA")
                        + " NOT NULL, PRIMARY KEY (stream, seq))");
                default -> throw new IllegalArgumentException(
                        "impl must be steadfast, steadfast-unnest, pekko or raw, was " + impl);
            }
        }

        /** A journal of its own for a writer. */
        String nextJournal() {
            return "journal-" + PeerDatabase.trial() + "-" + journals.incrementAndGet();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (system != null) {
                PekkoJournal.stop(system);
            }
            database.close();
        }
    }

    /** One writer's journal and, for Pekko, its actor; for raw, its connection. */
    @State(Scope.Thread)
    public static class Writer {
        final byte[] payload = new byte[PAYLOAD_BYTES];
        String journal;
        StreamId stream;
        ActorRef actor;
        PreparedStatement insert;
        long head;

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            journal = shared.nextJournal();
            stream = StreamId.of(journal);
            if (shared.system != null) {
                actor = PekkoJournal.writer(shared.system, journal);
            } else if (shared.store == null) {
                insert = shared.database.raw().prepareStatement(
                        "INSERT INTO journal (stream, seq, payload) VALUES (?, ?, ?)");
            }
        }

        long write(Shared shared) throws SQLException {
            if (shared.store != null) {
                if (!shared.store.apply(WriterBatches.append(stream, head, payload, null)).isCommitted()) {
                    throw new IllegalStateException("append to " + stream + " conflicted at " + head);
                }
            } else if (actor != null) {
                long stored = PekkoJournal.persist(actor, payload);
                if (stored != head + 1) {
                    throw new IllegalStateException("Pekko stored event " + stored + " of " + journal + ", expected "
                            + (head + 1));
                }
            } else {
                insert.setString(1, journal);
                insert.setLong(2, head + 1);
                insert.setBytes(3, payload);
                insert.executeUpdate();
            }
            return ++head;
        }
    }

    /** One journal of {@value #REPLAYED} events, written before the trial. */
    @State(Scope.Benchmark)
    public static class Replayed {
        static final String JOURNAL = "replayed-" + PeerDatabase.trial();
        PreparedStatement select;

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            List<byte[]> chunk = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                chunk.add(new byte[PAYLOAD_BYTES]);
            }
            if (shared.store != null) {
                for (int head = 0; head < REPLAYED; head += chunk.size()) {
                    shared.store.apply(WriteBatch.builder().append(StreamId.of(JOURNAL), head, chunk).build());
                }
            } else if (shared.system != null) {
                ActorRef writer = PekkoJournal.writer(shared.system, JOURNAL);
                for (int written = 0; written < REPLAYED; written += chunk.size()) {
                    PekkoJournal.persist(writer, new PekkoJournal.Batch(chunk));
                }
                shared.system.stop(writer);
            } else {
                Connection raw = shared.database.raw();
                raw.setAutoCommit(false);
                try (PreparedStatement insert = raw.prepareStatement(
                        "INSERT INTO journal (stream, seq, payload) VALUES (?, ?, ?)")) {
                    for (int seq = 1; seq <= REPLAYED; seq++) {
                        insert.setString(1, JOURNAL);
                        insert.setLong(2, seq);
                        insert.setBytes(3, chunk.get(0));
                        insert.addBatch();
                        if (seq % chunk.size() == 0) {
                            insert.executeBatch();
                            raw.commit();
                        }
                    }
                }
                select = raw.prepareStatement("SELECT seq, payload FROM journal WHERE stream = ? ORDER BY seq");
                select.setFetchSize(512);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long oneWriter(Shared shared, Writer writer) throws SQLException {
        return writer.write(shared);
    }

    @Benchmark
    @Threads(16)
    public long sixteenWriters(Shared shared, Writer writer) throws SQLException {
        return writer.write(shared);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(REPLAYED)
    public long replay(Shared shared, Replayed replayed) throws SQLException {
        long count = 0;
        if (shared.store != null) {
            try (Stream<Entry> entries = shared.store.readJournal(StreamId.of(Replayed.JOURNAL), 1)) {
                for (Entry e : (Iterable<Entry>) entries::iterator) {
                    count += e.payload().length == PAYLOAD_BYTES ? 1 : 0;
                }
            }
        } else if (shared.system != null) {
            count = PekkoJournal.replay(shared.system, Replayed.JOURNAL);
        } else {
            replayed.select.setString(1, Replayed.JOURNAL);
            try (ResultSet rs = replayed.select.executeQuery()) {
                while (rs.next()) {
                    count += rs.getBytes(2).length == PAYLOAD_BYTES ? 1 : 0;
                }
            }
            replayed.select.getConnection().commit();
        }
        if (count != REPLAYED) {
            throw new IllegalStateException(shared.impl + " replayed " + count + " events, expected " + REPLAYED);
        }
        return count;
    }
}
