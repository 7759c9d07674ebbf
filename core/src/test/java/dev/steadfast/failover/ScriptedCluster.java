package dev.steadfast.failover;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A cluster played from a script: a fixed frozen frontier and the target's readings, one per poll, the last one
 * repeated once the script runs out (a replica stuck behind). Records every mutation, and can fail a chosen step.
 */
class ScriptedCluster implements ClusterControl {
    private final long frontier;
    private final Deque<Long> readings;
    private final long stuckAt;
    final List<String> calls = new ArrayList<>();
    Long promotedTerm;
    Long demotedTerm;
    boolean froze;
    boolean resumed;
    private String failing;

    ScriptedCluster(long frontier, long... readings) {
        this.frontier = frontier;
        this.readings = new ArrayDeque<>();
        for (long r : readings) {
            this.readings.add(r);
        }
        this.stuckAt = readings.length == 0 ? 0 : readings[readings.length - 1];
    }

    /** Makes the named step ({@code freeze}, {@code poll}, {@code resume}, {@code promote}, {@code demote}) throw. */
    ScriptedCluster failing(String step) {
        this.failing = step;
        return this;
    }

    private void step(String name) {
        calls.add(name);
        if (name.equals(failing)) {
            throw new IllegalStateException(name + " failed (injected)");
        }
    }

    @Override
    public long freezePrimary() {
        step("freeze");
        froze = true;
        return frontier;
    }

    @Override
    public void resumePrimary() {
        step("resume");
        resumed = true;
    }

    @Override
    public long targetFrontier() {
        step("poll");
        Long next = readings.poll();
        return next != null ? next : stuckAt;
    }

    @Override
    public void promoteTarget(long newTerm) {
        step("promote");
        promotedTerm = newTerm;
    }

    @Override
    public void demoteOldPrimary(long newTerm) {
        step("demote");
        demotedTerm = newTerm;
    }
}
