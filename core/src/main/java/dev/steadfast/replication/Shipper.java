package dev.steadfast.replication;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The primary's side of replication: one link per replica, each with the replica's durable frontier as last
 * acknowledged (-1 when unknown, after a fault or a new term: then asked again, so a replica that fell behind or
 * reconnects catches up from its own durable LSN). Consecutive entries travel together, several per frame
 * ({@link FramePayload}). One ship at a time.
 */
final class Shipper {
    private static final System.Logger LOGGER = System.getLogger(Shipper.class.getName());

    private final NodeState state;
    private final Transport transport;
    private final String clusterId;
    private final Duration timeout;
    private final int maxFrames;
    private final LongConsumer deposed;
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** Notified whenever a replica's acknowledged frontier grows, for {@link #await}. */
    private final Object progress = new Object();

    private static final class Link {
        final String id;
        final String address;
        Connection connection;
        long durable = -1;
        /** The highest frontier the replica acknowledged in this term; kept while {@link #durable} is re-asked. */
        volatile long acked;

        Link(String id, String address) {
            this.id = id;
            this.address = address;
        }
    }

    Shipper(NodeState state, Transport transport, String clusterId, Map<String, String> replicas, Duration timeout,
            int maxFrames, LongConsumer deposed) {
        this.state = state;
        this.transport = transport;
        this.clusterId = clusterId;
        this.timeout = timeout;
        this.maxFrames = maxFrames;
        this.deposed = deposed;
        replicas.forEach((id, address) -> links.put(id, new Link(id, address)));
    }

    /** Ships every replica up to {@code upTo}; returns how many hold it durably. */
    synchronized int shipAll(long upTo) {
        int holding = 0;
        for (Link link : links.values()) {
            ship(link, upTo);
            if (link.durable >= upTo) {
                holding++;
            }
        }
        return holding;
    }

    /** Ships replica {@code id} up to {@code upTo}; returns the highest frontier it acknowledged in this term. */
    synchronized long shipTo(String id, long upTo) {
        Link link = links.get(id);
        if (link == null) {
            throw new IllegalArgumentException("'" + id + "' is not a replica of node '" + state.nodeId
                    + "'; replicas are " + links.keySet());
        }
        ship(link, upTo);
        return link.acked;
    }

    /** Waits until {@code count} replicas acknowledged {@code lsn} in this term; false at the timeout. */
    boolean await(long lsn, int count, Duration timeout) throws InterruptedException {
        if (count > links.size()) {
            throw new IllegalArgumentException("node '" + state.nodeId + "' has " + links.size()
                    + " replicas, cannot wait for " + count);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (links.values().stream().filter(l -> l.acked >= lsn).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Forgets every replica's frontier, for a new term. */
    synchronized void reset() {
        links.values().forEach(l -> {
            l.durable = -1;
            l.acked = 0;
        });
    }

    synchronized void close() {
        links.values().forEach(this::disconnect);
    }

    private void ship(Link link, long upTo) {
        long term = state.term;
        try {
            if (link.connection == null) {
                link.connection = transport.connect(link.address, Handshake.of(clusterId, state.nodeId, term),
                        timeout);
            }
            if (link.durable < 0 && !learn(link, link.connection.request(new RoleCommand.Status(), timeout), term)) {
                return;
            }
            int sent = 0;
            while (link.durable >= 0 && link.durable < upTo && sent < maxFrames) {
                List<Entry> batch;
                try (Stream<Entry> entries = state.store.readJournal(Layout.LOG, link.durable + 1, upTo,
                        maxFrames - sent)) {
                    batch = entries.toList();
                }
                if (batch.isEmpty()) {
                    break;
                }
                FramePayload payload = FramePayload.of(state.termStart, batch);
                int count = payload.entries().size();
                sent += count;
                Message reply = link.connection.request(new Message.Frame(term, batch.get(0).sequence(),
                        payload.encode()), timeout);
                if (!learn(link, reply, term) || link.durable < batch.get(count - 1).sequence()) {
                    break; // refused, or a gap the replica reported: start again from its frontier
                }
            }
        } catch (TransportTimeoutException e) {
            // The link may still work (a lost or late message): keep it, but ask the replica where it stands.
            link.durable = -1;
        } catch (TransportException e) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "shipping to '" + link.id + "' failed: " + e.getMessage());
            disconnect(link);
        }
    }

    /** Takes in a replica's reply; false when it refused, after which its frontier is unknown again. */
    private boolean learn(Link link, Message reply, long term) {
        if (reply instanceof Message.Ack ack && ack.term() > term) {
            // The replica serves a later term: whatever it holds, it holds for another primary, never for us.
            link.durable = -1;
            deposed.accept(ack.term());
            return false;
        }
        if (reply instanceof Message.Ack ack) {
            // A replica of an older term must see frames of this term from the term's start, to find out whether
            // it holds entries this primary never had.
            link.durable = ack.term() < term ? Math.min(ack.durableLsn(), state.termStart - 1) : ack.durableLsn();
            if (ack.term() == term && ack.durableLsn() > link.acked) {
                link.acked = ack.durableLsn();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
            return true;
        }
        link.durable = -1;
        if (reply instanceof Message.Refusal refusal) {
            if (refusal.reason() == Message.Reason.STALE_TERM && refusal.term() > term) {
                deposed.accept(refusal.term());
            }
            LOGGER.log(System.Logger.Level.INFO, () -> "replica '" + link.id + "' refused: " + refusal.detail());
        }
        return false;
    }

    private void disconnect(Link link) {
        link.durable = -1;
        if (link.connection != null) {
            link.connection.close();
            link.connection = null;
        }
    }
}
