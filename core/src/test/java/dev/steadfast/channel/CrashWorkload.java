package dev.steadfast.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded protocol workload: the next step of a channel is a function of the seed and the channel's state only,
 * so a child process that resumes from what the store holds and the test replaying its acknowledged steps on the
 * model choose the same steps. Remote messages {@code r<i>} each depend on {@code r<i-1>}; some are skipped on
 * arrival, so later ones wait and repairs are requested for the gap. Times are derived from the step count, not
 * read from a clock.
 */
final class CrashWorkload {
    private static final long EPOCH = 1_764_000_000_000L;

    private CrashWorkload() {
    }

    static ChannelStep next(long seed, ChannelState s) {
        Random r = new Random(seed * 1_000_003L ^ s.channelId().hashCode() * 31L ^ s.steps());
        long now = EPOCH + s.steps() * 10;
        if (!s.ready().isEmpty() && r.nextInt(10) < 7) {
            return new ChannelStep.Deliver(s.ready().get(0), hint(s.steps()));
        }
        List<String> outgoing = new ArrayList<>(s.outgoing().keySet());
        List<String> history = s.historyIds();
        switch (r.nextInt(9)) {
            case 0, 1:
                return new ChannelStep.Send(new Message("o" + s.steps(), "me", s.lamport() + 1,
                        history.subList(Math.max(0, history.size() - 2), history.size()),
                        Bytes.of(("own " + s.steps()).getBytes())), now);
            case 2:
                if (!outgoing.isEmpty()) {
                    return new ChannelStep.Acknowledge(Set.of(outgoing.get(r.nextInt(outgoing.size()))));
                }
                break;
            case 3:
                if (!outgoing.isEmpty()) {
                    return new ChannelStep.Resend(outgoing.get(r.nextInt(outgoing.size())), now);
                }
                break;
            case 4:
                Set<String> missing = missing(s);
                if (!missing.isEmpty()) {
                    return arrival(s, missing.iterator().next(), now);
                }
                break;
            case 5:
                List<String> own = history.stream().filter(id -> id.startsWith("o")).toList();
                if (!own.isEmpty() && r.nextInt(4) == 0) {
                    // Only own messages: no remote message depends on them, so the remote chain stays intact.
                    return new ChannelStep.RemoveFromHistory(own.get(r.nextInt(own.size())));
                }
                if (!history.isEmpty()) {
                    String id = history.get(r.nextInt(history.size()));
                    return r.nextBoolean()
                            ? new ChannelStep.OfferRepair(new IncomingRepair(id, hint(s.steps()), now + 500))
                            : new ChannelStep.SetRetrievalHint(id, hint(s.steps()));
                }
                break;
            case 6:
                if (!s.outgoingRepairs().isEmpty()) {
                    return new ChannelStep.CancelRepairs(Set.of(s.outgoingRepairs().keySet().iterator().next()));
                }
                break;
            case 7:
                Set<String> gaps = missing(s);
                if (!gaps.isEmpty()) { // ask again, later
                    return new ChannelStep.RequestRepair(new OutgoingRepair(gaps.iterator().next(), hint(s.steps()),
                            now + 2_000));
                }
                break;
            default:
                break;
        }
        return arrival(s, "r" + (highestRemote(s) + 1 + r.nextInt(2)), now);
    }

    /** Remote message {@code id} arrives: delivered if its predecessor is, else held back with a repair asked. */
    private static ChannelStep arrival(ChannelState s, String id, long now) {
        int i = Integer.parseInt(id.substring(1));
        String previous = "r" + (i - 1);
        List<String> deps = i > 1 ? List.of(previous) : List.of();
        Message m = new Message(id, "peer", i, deps, Bytes.of(("remote " + i).getBytes()));
        boolean previousPending = i > 1 && s.delivered(previous).isEmpty()
                && (i - 1 > highestDelivered(s) || s.incoming().containsKey(previous) || missing(s).contains(previous));
        if (!previousPending) {
            return new ChannelStep.Deliver(m, hint(s.steps()));
        }
        return new ChannelStep.Await(new Waiting(m, Set.of(previous)),
                List.of(new OutgoingRepair(previous, Bytes.empty(), now + 1_000)));
    }

    private static Set<String> missing(ChannelState s) {
        Set<String> all = new TreeSet<>();
        s.incoming().values().forEach(w -> all.addAll(w.missing()));
        all.removeAll(s.incoming().keySet());
        return all;
    }

    private static int highestRemote(ChannelState s) {
        int max = highestDelivered(s);
        for (String id : s.incoming().keySet()) {
            max = Math.max(max, Integer.parseInt(id.substring(1)));
        }
        return max;
    }

    private static int highestDelivered(ChannelState s) {
        int max = 0;
        for (String id : s.historyIds()) {
            if (id.startsWith("r")) {
                max = Math.max(max, Integer.parseInt(id.substring(1)));
            }
        }
        return max;
    }

    private static Bytes hint(long steps) {
        return Bytes.of(new byte[] {(byte) steps, (byte) (steps >> 8)});
    }
}
