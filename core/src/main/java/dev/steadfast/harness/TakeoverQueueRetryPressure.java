package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.fence.QueueMetrics;
import dev.steadfast.fence.RetryPolicy;
import dev.steadfast.fence.TakeoverOutcome;
import dev.steadfast.fence.TakeoverQueue;
import dev.steadfast.spi.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A burst of contenders joins a {@link TakeoverQueue} while the holder renews, writes, releases or falls silent;
 * the queue serves its head with retries and backoff on the simulated clock (a backoff sleep moves the clock).
 * The backoff of a whole retry policy is shorter than one lease, so a head that meets a freshly renewed lease
 * gives up; it queues again once. Superseded holders keep trying to write, and the store must refuse them.
 */
final class TakeoverQueueRetryPressure {
    static final int QUEUED = 6;
    static final int STEPS = 50;
    static final long TTL_MS = 250;
    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(30), Duration.ofMillis(120));
    /** Each contender queues at most twice, and each turn retries at most {@code maxAttempts - 1} times. */
    static final long RETRY_BOUND = 2L * QUEUED * (POLICY.maxAttempts() - 1);

    private final Run run;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final Leases leases;
    private final Ledger ledger;
    private final TakeoverQueue queue;
    private final List<Lease> holders = new ArrayList<>();
    private final List<String> requeued = new ArrayList<>();
    private int arrived;
    private Lease current;
    private int renewalsLeft;
    private boolean releases;

    private TakeoverQueueRetryPressure(Run run) {
        this.run = run;
        this.leases = new Leases(run.store(), clock);
        this.ledger = new Ledger(run, "queue");
        this.queue = new TakeoverQueue(leases, ledger.fenceName(), POLICY);
    }

    static void run(Run run) {
        new TakeoverQueueRetryPressure(run).play();
    }

    private void play() {
        hold(leases.acquire(ledger.fenceName(), "h0", ttl()).orElseThrow());
        List<Scheduler.Task> tasks = List.of(this::arrive, this::holderActs, this::serve, this::staleWrite);
        run.scheduler().run(STEPS, tasks, 20, this::tick, ledger::checkFence);
        clock.advanceMillis(TTL_MS);
        if (queue.waiting().isEmpty()) {
            queue.enqueue("latecomer", ttl());
        }
        Optional<TakeoverOutcome> last = serveAndRecord();
        if (last.isPresent() && !(last.get() instanceof TakeoverOutcome.Served)) {
            run.trace().violation(LeaseContention.LIVENESS, "with every lease on fence 'queue' ended, head '"
                    + last.get().owner() + "' was not served");
        }
        for (Lease h : holders) {
            ledger.write(h.fence());
        }
        QueueMetrics m = queue.metrics();
        run.tally().takeoverQueuePeak = m.peakDepth();
        run.tally().retries = m.retries();
        ledger.checkFence();
        ledger.verifySurvivors();
    }

    private void tick() {
        long millis = run.scheduler().between(20, 150);
        clock.advanceMillis(millis);
        run.trace().step("tick " + millis);
    }

    private void arrive() {
        if (arrived < QUEUED) {
            String who = "q" + (++arrived);
            int position = queue.enqueue(who, ttl());
            run.trace().step(who + " queues at " + position);
        }
    }

    private void holderActs() {
        if (current == null || !current.activeAt(clock.millis())) {
            return;
        }
        if (run.scheduler().percent(30)) {
            ledger.write(current.fence());
        } else if (renewalsLeft > 0) {
            renewalsLeft--;
            settle("renew", leases.renew(current, ttl()));
        } else if (releases) {
            settle("release", leases.release(current));
        }
    }

    private void serve() {
        serveAndRecord();
    }

    private void staleWrite() {
        if (holders.size() > 1) {
            ledger.write(holders.get(run.scheduler().below(holders.size() - 1)).fence());
        }
    }

    private Optional<TakeoverOutcome> serveAndRecord() {
        Optional<TakeoverOutcome> outcome;
        try {
            outcome = queue.serveNext();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a simulated clock slept", e);
        }
        if (outcome.isEmpty()) {
            return outcome;
        }
        TakeoverOutcome o = outcome.get();
        if (o instanceof TakeoverOutcome.Served served) {
            run.trace().step(o.owner() + " served after " + o.attempts() + " tries");
            hold(served.lease());
        } else if (o instanceof TakeoverOutcome.GaveUp gaveUp) {
            run.tally().refused(gaveUp.lastError());
            run.trace().step(o.owner() + " gave up after " + o.attempts() + " tries: " + gaveUp.lastError().label());
            if (gaveUp.lastError() instanceof OwnershipError.LeaseHeld && ledger.until() <= clock.millis()) {
                run.trace().violation(LeaseContention.LIVENESS, "'" + o.owner() + "' gave up at " + clock.millis()
                        + " ms on a lease of fence 'queue' last written to end at " + ledger.until() + " ms");
            }
            if (!requeued.contains(o.owner())) {
                requeued.add(o.owner());
                queue.enqueue(o.owner(), ttl());
            }
        }
        return outcome;
    }

    private void hold(Lease lease) {
        ledger.granted(lease.owner(), lease.epoch(), lease.untilMillis());
        current = lease;
        holders.add(lease);
        renewalsLeft = (int) run.scheduler().between(0, 3);
        releases = run.scheduler().percent(40);
    }

    private void settle(String what, Claim<Lease> claim) {
        if (claim instanceof Claim.Rejected<Lease> r) {
            run.tally().refused(r.error());
            run.trace().step(current.owner() + " " + what + " -> " + r.error().label());
            current = null;
            return;
        }
        current = claim.orElseThrow();
        run.trace().step(current.owner() + " " + what + " -> until " + current.untilMillis());
        ledger.leaseSet(current.owner(), current.epoch(), current.untilMillis());
    }

    private static Duration ttl() {
        return Duration.ofMillis(TTL_MS);
    }
}
