package dev.steadfast.transport;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One link of an {@link InprocNetwork}. Requests run on the caller's thread, one at a time; the link's faults are
 * decided here, in a fixed order of draws so that a seed replays exactly.
 */
final class InprocConnection implements Connection {
    private final InprocNetwork network;
    private final String address;
    private final Handshake self;
    private final Handshake peer;
    private List<Message> held = new ArrayList<>();
    private volatile boolean closed;

    InprocConnection(InprocNetwork network, String address, Handshake self, Handshake peer) {
        this.network = network;
        this.address = address;
        this.self = self;
        this.peer = peer;
    }

    @Override
    public Handshake peer() {
        return peer;
    }

    @Override
    public synchronized Message request(Message request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            throw new TransportException("connection to inproc node '" + peer.nodeId() + "' is closed");
        }
        List<Message> overtaken = held;
        held = new ArrayList<>();
        if (network.cut(self.nodeId(), peer.nodeId())) {
            throw timedOut(request, timeout, "the link is partitioned");
        }
        Faults faults = network.currentFaults();
        boolean faulty = faults.applies().test(request);
        if (faulty && network.roll(faults.dropRate())) {
            held.addAll(overtaken);
            throw timedOut(request, timeout, "the request was dropped");
        }
        if (faulty && network.roll(faults.reorderRate())) {
            held.addAll(overtaken);
            held.add(request);
            throw timedOut(request, timeout, "the request was held back to arrive after the next one");
        }
        if (faulty && !faults.delay().isZero()) {
            if (faults.delay().compareTo(timeout) >= 0) {
                held.addAll(overtaken);
                held.add(request);
                throw timedOut(request, timeout, "the request is delayed " + faults.delay().toMillis() + " ms");
            }
            sleep(faults.delay());
        }
        Message reply = deliver(request);
        if (faulty && network.roll(faults.duplicateRate())) {
            reply = deliver(request);
        }
        for (Message late : overtaken) {
            deliver(late); // its sender gave up long ago: the reply goes nowhere
        }
        if (faulty && network.roll(faults.lostReplyRate())) {
            throw timedOut(request, timeout, "the reply was lost after the request was handled");
        }
        return reply;
    }

    private Message deliver(Message request) {
        InprocEndpoint endpoint = network.endpoints.get(address);
        if (endpoint == null || !endpoint.open() || !endpoint.self.nodeId().equals(peer.nodeId())) {
            throw new TransportException("inproc node '" + peer.nodeId() + "' at '" + address + "' is gone");
        }
        Message reply;
        try {
            reply = endpoint.handler.handle(self, request);
        } catch (RuntimeException e) {
            throw new TransportException("inproc node '" + peer.nodeId() + "' failed to handle " + request + ": " + e,
                    e);
        }
        if (reply == null) {
            throw new TransportException("inproc node '" + peer.nodeId() + "' gave no reply to " + request);
        }
        return reply;
    }

    private TransportTimeoutException timedOut(Message request, Duration timeout, String why) {
        sleep(timeout);
        return new TransportTimeoutException("no reply from inproc node '" + peer.nodeId() + "' within "
                + timeout.toMillis() + " ms to " + request + " (" + why + ")");
    }

    private void sleep(Duration duration) {
        try {
            network.clock.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting on inproc node '" + peer.nodeId() + "'", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "inproc connection " + self.nodeId() + " -> " + peer.nodeId();
    }
}
