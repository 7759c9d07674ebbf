package dev.steadfast.examples.channel;

import dev.steadfast.Steadfast;
import dev.steadfast.channel.Bytes;
import dev.steadfast.channel.Channel;
import dev.steadfast.channel.ChannelOptions;
import dev.steadfast.channel.ChannelState;
import dev.steadfast.channel.ChannelStep;
import dev.steadfast.channel.Channels;
import dev.steadfast.channel.Message;
import dev.steadfast.channel.Unacknowledged;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One side of the chat: a tiny causal-delivery protocol whose every state change is one channel step. A message
 * is delivered only after the messages it depends on; one that arrives early waits in the incoming buffer (which
 * survives a restart); sent messages are resent until acknowledged.
 */
final class Peer implements AutoCloseable {
    static final String CHANNEL = "chat";

    private final String name;
    private final String uri;
    private Steadfast steadfast;
    private Channels channels;
    private Channel chat;

    Peer(String name, String uri) {
        this.name = name;
        this.uri = uri;
        start();
    }

    private void start() {
        steadfast = Steadfast.open(uri);
        channels = new Channels(steadfast.store(), steadfast.clock(), new ChannelOptions(1000));
        chat = channels.open(CHANNEL, name).orElseThrow();
    }

    /** Stops as a crashed process would (nothing is saved on the way out) and comes back from disk. */
    void restart() {
        close();
        start();
    }

    String name() {
        return name;
    }

    ChannelState state() {
        return chat.state();
    }

    /** Sends {@code text}, depending on the last two messages this peer delivered or sent. */
    Packet say(String text) {
        ChannelState s = chat.state();
        List<String> seen = s.historyIds();
        long mine = s.history().stream().filter(e -> e.message().senderId().equals(name)).count();
        Message m = new Message(name + "-" + (mine + 1), name,
                s.lamport() + 1, seen.subList(Math.max(0, seen.size() - 2), seen.size()),
                Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
        chat.apply(new ChannelStep.Send(m, steadfast.clock().millis()));
        return new Packet.Data(m);
    }

    /**
     * Takes one packet off the link; returns what goes back (an acknowledgement of what was delivered).
     */
    List<Packet> receive(Packet packet) {
        if (packet instanceof Packet.Ack ack) {
            chat.apply(new ChannelStep.Acknowledge(ack.messageIds()));
            return List.of();
        }
        Message m = ((Packet.Data) packet).message();
        ChannelState s = chat.state();
        if (s.delivered(m.id()).isPresent()) {
            return List.of(new Packet.Ack(Set.of(m.id()))); // a resend of something we have: ack it again
        }
        Set<String> missing = new TreeSet<>();
        for (String dependency : m.causalHistory()) {
            if (s.delivered(dependency).isEmpty()) {
                missing.add(dependency);
            }
        }
        if (!missing.isEmpty()) {
            chat.apply(new ChannelStep.Await(m, missing));
            return List.of();
        }
        List<String> delivered = new ArrayList<>();
        chat.apply(new ChannelStep.Deliver(m));
        delivered.add(m.id());
        // Delivering m may have completed the dependencies of messages that were waiting for it.
        for (List<Message> ready = chat.state().ready(); !ready.isEmpty(); ready = chat.state().ready()) {
            chat.apply(new ChannelStep.Deliver(ready.get(0)));
            delivered.add(ready.get(0).id());
        }
        return List.of(new Packet.Ack(Set.copyOf(delivered)));
    }

    /** Sends every unacknowledged message again. */
    List<Packet> resend() {
        List<Packet> again = new ArrayList<>();
        for (Unacknowledged u : chat.state().outgoing().values()) {
            chat.apply(new ChannelStep.Resend(u.message().id(), steadfast.clock().millis()));
            again.add(new Packet.Data(u.message()));
        }
        return again;
    }

    @Override
    public void close() {
        channels.close();
        steadfast.close();
    }
}
