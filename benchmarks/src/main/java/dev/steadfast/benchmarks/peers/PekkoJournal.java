package dev.steadfast.benchmarks.peers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.RecoveryCompleted;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * Pekko Persistence JDBC as its users run it: an actor system whose journal and snapshot plugins are
 * {@code jdbc-journal} and {@code jdbc-snapshot-store} on one shared Slick database (HikariCP), the plugin's own
 * schema, and a persistent actor per journal that persists each event it is sent (a {@code byte[]}, Pekko's
 * built-in byte-array serializer) and replies once it is stored.
 */
final class PekkoJournal {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PekkoJournal() {
    }

    /** The system over {@code database}, with the plugin's tables created. */
    static ActorSystem start(PeerDatabase database, int connections) {
        boolean h2 = database.engine.equals("h2");
        String slick = "{ profile = \"" + (h2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$") + "\"\n"
                + "  db { connectionPool = \"HikariCP\", url = \"" + database.jdbcUrl() + "\", user = \""
                + database.user() + "\", password = \"\", driver = \""
                + (h2 ? "org.h2.Driver" : "org.postgresql.Driver") + "\", numThreads = " + connections
                + ", maxConnections = " + connections + ", minConnections = " + connections + " } }";
        Config config = ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = WARNING",
                "pekko.persistence.journal.plugin = jdbc-journal",
                "pekko.persistence.snapshot-store.plugin = jdbc-snapshot-store",
                "pekko-persistence-jdbc.shared-databases.slick = " + slick,
                "jdbc-journal.use-shared-db = slick",
                "jdbc-snapshot-store.use-shared-db = slick",
                "jdbc-read-journal.use-shared-db = slick"))
                .withFallback(ConfigFactory.load());
        ActorSystem system = ActorSystem.create("peer-bench", config);
        await(SchemaUtils.createIfNotExists(system).toCompletableFuture());
        return system;
    }

    static void stop(ActorSystem system) {
        system.terminate();
        await(system.getWhenTerminated().toCompletableFuture());
    }

    /** A persistent actor writing journal {@code persistenceId}. */
    static ActorRef writer(ActorSystem system, String persistenceId) {
        return system.actorOf(Props.create(Writer.class, () -> new Writer(persistenceId)));
    }

    /** Persists {@code event}; returns its sequence number once it is stored. */
    static long persist(ActorRef writer, Object event) {
        return (Long) await(Patterns.ask(writer, event, TIMEOUT).toCompletableFuture());
    }

    /** Recovers {@code persistenceId} in a fresh actor; returns how many events it replayed. */
    static long replay(ActorSystem system, String persistenceId) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        ActorRef replayer = system.actorOf(Props.create(Replayer.class, () -> new Replayer(persistenceId, done)));
        try {
            return await(done);
        } finally {
            system.stop(replayer);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Pekko Persistence JDBC failed: " + e, e);
        }
    }

    /** Events persisted in one {@code persistAll}, replied to once all are stored. */
    record Batch(List<byte[]> events) {
    }

    /** Persists what it is sent and replies with the sequence number reached. */
    static final class Writer extends AbstractPersistentActor {
        private final String persistenceId;

        Writer(String persistenceId) {
            this.persistenceId = persistenceId;
        }

        @Override
        public String persistenceId() {
            return persistenceId;
        }

        @Override
        public Receive createReceiveRecover() {
            return receiveBuilder().matchAny(event -> { }).build();
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(byte[].class, event -> {
                        ActorRef to = getSender();
                        persist(event, stored -> to.tell(lastSequenceNr(), getSelf()));
                    })
                    .match(Batch.class, batch -> {
                        ActorRef to = getSender();
                        persistAll(batch.events(), stored -> { });
                        defer(batch, all -> to.tell(lastSequenceNr(), getSelf()));
                    })
                    .build();
        }
    }

    /** Counts the events of its journal while it recovers, then says how many. */
    static final class Replayer extends AbstractPersistentActor {
        private final String persistenceId;
        private final CompletableFuture<Long> done;
        private long events;

        Replayer(String persistenceId, CompletableFuture<Long> done) {
            this.persistenceId = persistenceId;
            this.done = done;
        }

        @Override
        public String persistenceId() {
            return persistenceId;
        }

        @Override
        public Receive createReceiveRecover() {
            return receiveBuilder()
                    .match(byte[].class, event -> events++)
                    .match(RecoveryCompleted.class, c -> done.complete(events))
                    .build();
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(message -> { }).build();
        }
    }
}
