package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import java.util.ArrayList;
import java.util.List;

/**
 * Contenders claim one fence through {@link Fences} with valid, stale, split-brain and bad-token requests, each
 * built from the epoch the contender last observed (which interleaving may have made stale), and write under
 * whatever they last held. It closes with a latecomer taking over and every earlier holder trying one late write,
 * which the store must refuse.
 */
final class OwnershipFencingContention {
    static final int CONTENDERS = 4;
    static final int STEPS = 60;

    private final Run run;
    private final Fences fences;
    private final Ledger ledger;
    private final List<Contender> contenders = new ArrayList<>();

    private OwnershipFencingContention(Run run) {
        this.run = run;
        this.fences = new Fences(run.store());
        this.ledger = new Ledger(run, "own");
        for (int i = 0; i < CONTENDERS; i++) {
            contenders.add(new Contender("c" + i));
        }
    }

    static void run(Run run) {
        new OwnershipFencingContention(run).play();
    }

    private void play() {
        contenders.get(0).claim("valid", 1, fences.tokenFor(ledger.fenceName(), "c0", 1));
        ledger.checkFence();
        run.scheduler().run(STEPS, contenders, 0, () -> { }, ledger::checkFence);
        Claim<OwnershipFence> late = fences.claimNext(ledger.fenceName(), "latecomer");
        late.map(f -> {
            ledger.granted(f.owner(), f.epoch(), Long.MAX_VALUE);
            return f;
        });
        for (Contender c : contenders) {
            if (c.held != null) {
                ledger.write(c.held);
            }
        }
        ledger.checkFence();
        ledger.verifySurvivors();
    }

    private final class Contender implements Scheduler.Task {
        private final String name;
        private long seen;
        private OwnershipFence held;

        Contender(String name) {
            this.name = name;
        }

        @Override
        public void step() {
            Scheduler s = run.scheduler();
            int action = s.below(100);
            if (action < 15) {
                seen = fences.current(ledger.fenceName()).map(OwnershipFence::epoch).orElse(0L);
                run.trace().step(name + " observes epoch " + seen);
            } else if (action < 45) {
                if (held != null) {
                    ledger.write(held);
                }
            } else if (action < 63) {
                claim("valid", seen + 1, token(name, seen + 1));
            } else if (action < 76 && seen >= 2) {
                claim("stale", seen - 1, token(name, seen - 1));
            } else if (action < 89 && seen >= 1) {
                claim("split-brain", seen, token(name, seen));
            } else {
                String other = contenders.get(s.below(CONTENDERS)).name;
                claim("bad-token", seen + 1, token(other.equals(name) ? "intruder" : other, seen + 1));
            }
        }

        void claim(String kind, long epoch, String token) {
            Claim<OwnershipFence> claim = fences.requestTakeover(ledger.fenceName(), name, epoch, token);
            if (claim instanceof Claim.Rejected<OwnershipFence> r) {
                run.tally().refused(r.error());
                run.trace().step(name + " " + kind + " epoch " + epoch + " -> " + r.error().label());
                return;
            }
            held = claim.orElseThrow();
            seen = epoch;
            run.trace().step(name + " " + kind + " epoch " + epoch + " -> granted");
            ledger.granted(name, epoch, Long.MAX_VALUE);
        }

        private String token(String owner, long epoch) {
            return fences.tokenFor(ledger.fenceName(), owner, Math.max(epoch, 1));
        }
    }
}
