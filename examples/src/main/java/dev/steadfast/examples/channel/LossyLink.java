package dev.steadfast.examples.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * An in-memory network between two peers that loses and reorders what it carries, deterministically for a seed:
 * each packet is dropped with the given probability, and the survivors of a round arrive shuffled.
 *
 * @param <P> what it carries
 */
final class LossyLink<P> {
    private final Random random;
    private final double lossRate;
    private final List<P> inFlight = new ArrayList<>();
    private int sent;
    private int lost;

    LossyLink(long seed, double lossRate) {
        this.random = new Random(seed);
        this.lossRate = lossRate;
    }

    void send(P packet) {
        sent++;
        if (random.nextDouble() < lossRate) {
            lost++;
        } else {
            inFlight.add(packet);
        }
    }

    /** Everything that survived since the last call, in a shuffled order. */
    List<P> receiveAll() {
        List<P> arrived = new ArrayList<>(inFlight);
        inFlight.clear();
        Collections.shuffle(arrived, random);
        return arrived;
    }

    int sent() {
        return sent;
    }

    int lost() {
        return lost;
    }
}
