package dev.steadfast.channel;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that takes over channels {@code c0..c<n-1>} and steps each of them through {@link CrashWorkload}
 * through the async API, until it is killed.
 *
 * <p>Arguments: store URI, seed, channel count, history cap. It prints {@code READY} once it holds every channel,
 * then {@code ACK <channel> <steps>} after each committed step (so only for steps that are durable), or
 * {@code FAIL <channel> <why>} and stops stepping that channel.
 */
public final class ChannelWorkerProcess {
    private ChannelWorkerProcess() {
    }

    /** Runs the child. */
    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        int cap = Integer.parseInt(args[3]);
        Store store = Stores.open(args[0]);
        Channels channels = new Channels(store, Clock.system(), new ChannelOptions(cap));
        Channel[] all = new Channel[count];
        for (int i = 0; i < count; i++) {
            all[i] = channels.open("c" + i, "worker").orElseThrow();
        }
        say("READY");
        for (Channel c : all) {
            step(c, seed);
        }
        new CountDownLatch(1).await(); // runs until killed
    }

    private static void step(Channel c, long seed) {
        ChannelStep next;
        try {
            next = CrashWorkload.next(seed, c.state());
        } catch (RuntimeException e) {
            say("FAIL " + c.id() + " workload: " + e);
            return;
        }
        c.applyAsync(next).whenComplete((result, error) -> {
            if (error != null) {
                say("FAIL " + c.id() + " " + error + " at " + next);
            } else if (result instanceof StepResult.Refused r) {
                say("FAIL " + c.id() + " refused: " + r.error().message());
            } else {
                say("ACK " + c.id() + " " + result.orElseThrow().steps());
                step(c, seed);
            }
        });
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
