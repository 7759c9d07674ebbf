package dev.steadfast.fence;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Names;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Contenders waiting for one leased fence, served strictly in arrival order.
 *
 * <p>{@link #serveNext()} works on the contender at the head: it tries {@link Leases#acquire} up to
 * {@link RetryPolicy#maxAttempts()} times, sleeping the policy's backoff on the {@link Clock} between tries (on a
 * {@link dev.steadfast.spi.ManualClock} the sleep advances time, so tests need no real waiting). The head leaves
 * the queue served or given up; nobody behind it is tried first. The queue counts its depth, peak depth and
 * retries ({@link #metrics()}).
 *
 * <p>Thread-safe: contenders may arrive from any thread while one thread serves.
 */
public final class TakeoverQueue {
    private record Contender(String owner, Duration ttl) {
    }

    private final Leases leases;
    private final Clock clock;
    private final String name;
    private final RetryPolicy policy;
    private final Deque<Contender> waiting = new ArrayDeque<>();
    private final Object serving = new Object();
    private int peakDepth;
    private long retries;
    private long served;
    private long gaveUp;

    /**
     * A queue for one lease, in this process.
     *
     * @param leases acquires the lease; its clock is the one slept on between tries
     * @param name   the lease's fence name
     * @param policy how many tries each contender gets and how long it waits between them
     */
    public TakeoverQueue(Leases leases, String name, RetryPolicy policy) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.clock = leases.clock();
        this.name = Names.require("fence name", name);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Adds {@code owner}, wanting a lease of {@code ttl}, at the back of the queue.
     *
     * @param owner the contender
     * @param ttl   the length of the lease it wants
     * @return its position, 1 for the head
     */
    public synchronized int enqueue(String owner, Duration ttl) {
        Names.require("contender", owner);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        waiting.addLast(new Contender(owner, ttl));
        peakDepth = Math.max(peakDepth, waiting.size());
        return waiting.size();
    }

    /**
     * Serves the contender at the head, retrying with backoff until it is granted or out of tries.
     *
     * @return what became of it, or empty when nobody waits
     * @throws InterruptedException if interrupted while backing off; the contender stays at the head
     */
    public Optional<TakeoverOutcome> serveNext() throws InterruptedException {
        synchronized (serving) {
            Contender head;
            synchronized (this) {
                head = waiting.peekFirst();
            }
            if (head == null) {
                return Optional.empty();
            }
            for (int attempt = 1; ; attempt++) {
                Claim<Lease> claim = leases.acquire(name, head.owner(), head.ttl());
                if (claim instanceof Claim.Granted<Lease> g) {
                    return Optional.of(finish(new TakeoverOutcome.Served(head.owner(), g.value(), attempt)));
                }
                OwnershipError error = ((Claim.Rejected<Lease>) claim).error();
                if (attempt >= policy.maxAttempts()) {
                    // It stops asking, so those queued behind it in the store need not wait for its place to end.
                    leases.leaveQueue(name, head.owner());
                    return Optional.of(finish(new TakeoverOutcome.GaveUp(head.owner(), attempt, error)));
                }
                synchronized (this) {
                    retries++;
                }
                clock.sleep(policy.backoffAfter(attempt));
            }
        }
    }

    /**
     * Serves every contender waiting, in arrival order: each tries until it is served or its tries run out.
     *
     * @return what became of each, in the order served
     * @throws InterruptedException if the thread is interrupted while waiting between tries; contenders not yet
     *                              served stay queued
     */
    public List<TakeoverOutcome> drain() throws InterruptedException {
        List<TakeoverOutcome> outcomes = new ArrayList<>();
        for (Optional<TakeoverOutcome> o = serveNext(); o.isPresent(); o = serveNext()) {
            outcomes.add(o.get());
        }
        return outcomes;
    }

    /** {@return the contenders waiting, head first} */
    public synchronized List<String> waiting() {
        return waiting.stream().map(Contender::owner).toList();
    }

    /** {@return the queue's counters now} */
    public synchronized QueueMetrics metrics() {
        return new QueueMetrics(waiting.size(), peakDepth, retries, served, gaveUp);
    }

    private synchronized TakeoverOutcome finish(TakeoverOutcome outcome) {
        waiting.removeFirst();
        if (outcome instanceof TakeoverOutcome.Served) {
            served++;
        } else {
            gaveUp++;
        }
        return outcome;
    }
}
