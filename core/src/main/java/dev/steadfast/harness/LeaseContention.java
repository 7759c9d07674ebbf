package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.spi.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holders renew TTL leases through {@link Leases} a few times, then release or fall silent, while the others keep
 * asking; the time from a grant to the lease's end (its release, or the end the store reports) is a lease
 * window. Scenario {@link Scenario#LEASE_RENEWAL_CONTENTION} runs every contender on one clock;
 * {@link Scenario#CLOCK_SKEW} gives each its own clock, off the true time by up to twice the TTL either way, so
 * takeovers may come early (counted) and a holder may write after it was superseded (the store must refuse it).
 *
 * <p>Liveness is checked too: a contender refused because a lease still runs, when the lease the harness last
 * wrote has ended on that contender's clock, means the store keeps a lease alive that should have expired. The
 * run closes with the clocks moved past every lease, a latecomer acquiring, and every earlier holder trying one
 * late write.
 *
 * <p>Fairness is measured per round of {@link #STEPS_PER_ROUND} steps: the fewest grants any contender got divided
 * by the most any got; the worst round of the run is {@link Metrics#leaseShareWorstPermille()}. Rounds in which
 * nobody was granted the lease do not count.
 */
final class LeaseContention {
    static final int CONTENDERS = 4;
    static final int STEPS = 60;
    static final int STEPS_PER_ROUND = 20;
    static final long TTL_MS = 1_000;
    static final long MAX_SKEW_MS = 2 * TTL_MS;
    static final int MAX_RENEWALS = 3;
    /** A lease runs one TTL from its grant and each renewal (made while it runs) adds at most one TTL. */
    static final long LEASE_WINDOW_BOUND_MS = (1 + MAX_RENEWALS) * TTL_MS;
    static final String LIVENESS = "an expired lease lets the next contender in";
    private static final long START_MS = 1_000_000;

    private final Run run;
    private final ManualClock truth = new ManualClock(START_MS);
    private final Ledger ledger;
    private final List<Contender> contenders = new ArrayList<>();
    private long heldSince = -1;
    private long releasedAt = -1;
    private long worstSharePermille = -1;

    private LeaseContention(Run run, boolean skewed) {
        this.run = run;
        this.ledger = new Ledger(run, "lease");
        for (int i = 0; i < CONTENDERS; i++) {
            long offset = skewed ? run.scheduler().between(-MAX_SKEW_MS, MAX_SKEW_MS) : 0;
            contenders.add(new Contender("c" + i, offset));
            run.trace().step("c" + i + " clock offset " + offset);
        }
    }

    static void run(Run run, boolean skewed) {
        new LeaseContention(run, skewed).play();
    }

    private void play() {
        for (int round = 0; round < STEPS / STEPS_PER_ROUND; round++) {
            contenders.forEach(c -> c.grants = 0);
            run.scheduler().run(STEPS_PER_ROUND, contenders, 30, () -> advance(run.scheduler().between(50, 400)),
                    ledger::checkFence);
            closeRound(round);
        }
        run.tally().leaseShareWorstPermille = Math.max(worstSharePermille, 0);
        closeWindow();
        // Past every lease on every clock: the latecomer must get in, and nobody before it may write.
        advance(TTL_MS + 2 * MAX_SKEW_MS + 1);
        Contender late = new Contender("latecomer", 0);
        late.acquire();
        if (late.lease == null) {
            run.trace().violation(LIVENESS, "no lease was running on fence 'lease' on the latecomer's clock, and "
                    + "it could not acquire it");
        }
        for (Contender c : contenders) {
            if (c.lastHeld != null) {
                ledger.write(c.lastHeld.fence());
            }
        }
        ledger.checkFence();
        ledger.verifySurvivors();
    }

    private void closeRound(int round) {
        long most = contenders.stream().mapToLong(c -> c.grants).max().orElse(0);
        long fewest = contenders.stream().mapToLong(c -> c.grants).min().orElse(0);
        run.trace().step("round " + round + " grants " + contenders.stream().map(c -> c.name + "=" + c.grants)
                .toList());
        if (most > 0) {
            long share = fewest * 1_000 / most;
            worstSharePermille = worstSharePermille < 0 ? share : Math.min(worstSharePermille, share);
        }
    }

    /**
     * Ends the lease window of the fence's current lease: from its grant to its release or to the end the store
     * reports for it (a store that keeps leases forever makes this window endless).
     */
    private void closeWindow() {
        if (heldSince < 0) {
            return;
        }
        long end = releasedAt >= 0 ? releasedAt : ledger.reportedUntil();
        run.tally().leaseWindows.add(end == Long.MAX_VALUE ? Long.MAX_VALUE : end - heldSince);
        heldSince = -1;
    }

    private void advance(long millis) {
        truth.advanceMillis(millis);
        contenders.forEach(c -> c.clock.advanceMillis(millis));
        run.trace().step("tick " + millis);
    }

    private final class Contender implements Scheduler.Task {
        private final String name;
        private final ManualClock clock;
        private final Leases leases;
        private Lease lease;
        private Lease lastHeld;
        private int renewalsLeft;
        private boolean releases;
        private long waitingSince = -1;
        private long grants;

        Contender(String name, long offset) {
            this.name = name;
            this.clock = new ManualClock(truth.millis() + offset);
            this.leases = new Leases(run.store(), clock);
        }

        @Override
        public void step() {
            Scheduler s = run.scheduler();
            if (lease == null || !lease.activeAt(clock.millis())) {
                if (lease != null && s.percent(30)) {
                    ledger.write(lease.fence()); // a holder that has not noticed its lease ended
                    return;
                }
                acquire();
            } else if (s.percent(30)) {
                ledger.write(lease.fence());
            } else if (renewalsLeft > 0) {
                renewalsLeft--;
                Claim<Lease> renewed = leases.renew(lease, Duration.ofMillis(TTL_MS));
                settle("renew", renewed);
            } else if (releases) {
                settle("release", leases.release(lease));
            }
        }

        void acquire() {
            String previous = ledger.owner();
            long previousUntil = ledger.until();
            Claim<Lease> claim = leases.acquire(ledger.fenceName(), name, Duration.ofMillis(TTL_MS));
            if (claim instanceof Claim.Rejected<Lease> r) {
                refused("acquire", r.error());
                return;
            }
            Lease got = claim.orElseThrow();
            run.trace().step(name + " acquire -> epoch " + got.epoch() + " until " + got.untilMillis());
            if (got.epoch() > ledger.epoch() && earlyOver(previous, previousUntil)) {
                run.tally().earlyTakeovers++;
                run.trace().step(name + " took over early from " + previous);
            }
            if (got.epoch() > ledger.epoch()) {
                grants++;
                closeWindow();
                heldSince = clock.millis();
                releasedAt = -1;
            }
            ledger.granted(name, got.epoch(), got.untilMillis());
            waitingSince = -1;
            lease = got;
            lastHeld = got;
            renewalsLeft = (int) run.scheduler().between(0, MAX_RENEWALS);
            releases = run.scheduler().percent(30);
        }

        private boolean earlyOver(String previous, long previousUntil) {
            return contenders.stream().filter(c -> c.name.equals(previous))
                    .anyMatch(c -> c.clock.millis() < previousUntil);
        }

        private void settle(String what, Claim<Lease> claim) {
            if (claim instanceof Claim.Rejected<Lease> r) {
                refused(what, r.error());
                lease = null;
                return;
            }
            lease = claim.orElseThrow();
            run.trace().step(name + " " + what + " -> until " + lease.untilMillis());
            ledger.leaseSet(name, lease.epoch(), lease.untilMillis());
            if (lease.untilMillis() == 0) {
                releasedAt = clock.millis();
            }
        }

        private void refused(String what, OwnershipError error) {
            run.tally().refused(error);
            run.trace().step(name + " " + what + " -> " + error.label());
            if (!(error instanceof OwnershipError.LeaseHeld held)) {
                return;
            }
            if (ledger.until() <= clock.millis()) {
                run.trace().violation(LIVENESS, "lease of '" + held.currentOwner() + "' at epoch " + held.epoch()
                        + " on fence 'lease' was last written to end at " + ledger.until() + " ms; at "
                        + clock.millis() + " ms on its clock '" + name + "' was refused because the store says it "
                        + "runs until " + held.leaseUntilMillis() + " ms");
            }
            if (waitingSince < 0) {
                waitingSince = truth.millis();
                long waiting = contenders.stream().filter(c -> c.waitingSince >= 0).count();
                run.tally().leaseQueuePeak = Math.max(run.tally().leaseQueuePeak, waiting);
            }
        }
    }
}
