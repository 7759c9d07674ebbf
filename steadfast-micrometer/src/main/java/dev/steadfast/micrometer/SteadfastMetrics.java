package dev.steadfast.micrometer;

import dev.steadfast.events.SteadfastEvent;
import dev.steadfast.events.SteadfastListener;
import dev.steadfast.events.TakeoverResult;
import dev.steadfast.events.WriteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Records Steadfast's events as Micrometer meters; the meters are listed in this module's README.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;
 * Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry)).open("sqlite:./app.db");
 * }</pre>
 *
 * <p>Every counter, timer and summary is registered when this object is built, so recording an event is a map
 * lookup and an update, never a registry lookup; the gauges of a store (its group commit queue, its backend's
 * levels) are registered when it opens and removed when it closes. Use one instance per store: a second store
 * opened with the same instance and tags would share its counters, and its gauges would be the first one's.
 * Thread-safe, as the meters are.
 */
public final class SteadfastMetrics implements SteadfastListener {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final Timer commits;
    private final Timer failedCommits;
    private final DistributionSummary groupSize;
    private final Map<WriteOutcome, Counter> writes = new EnumMap<>(WriteOutcome.class);
    private final Map<TakeoverResult, Counter> takeovers = new EnumMap<>(TakeoverResult.class);
    private final Timer renewed;
    private final Timer renewRefused;
    private final Timer recoveries;
    private final DistributionSummary recoveryEvents;
    private final DistributionSummary recoveryLoss;
    private final Timer leaseHandovers;
    private final Timer leaseReleaseHandovers;
    private final BackendMeters backend;
    private final StoreGauges gauges;

    /**
     * Registers the meters in {@code registry} with no extra tags: for a process with one store.
     *
     * @param registry where the meters live, for example the application's Prometheus registry
     */
    public SteadfastMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Meters in {@code registry}, each carrying {@code tags} as well (for example the store's name when one process
     * opens several).
     *
     * @param registry where the meters live
     * @param tags     added to every meter this instance registers, gauges included
     */
    public SteadfastMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        Objects.requireNonNull(registry, "registry");
        Tags common = Tags.of(Objects.requireNonNull(tags, "tags"));
        commits = commitTimer(registry, common, "success");
        failedCommits = commitTimer(registry, common, "failure");
        groupSize = DistributionSummary.builder("steadfast.group.commit.size")
                .description("Batches carried by one store call of the group committer").baseUnit("batches")
                .publishPercentiles(PERCENTILES).tags(common).register(registry);
        for (WriteOutcome outcome : WriteOutcome.values()) {
            writes.put(outcome, Counter.builder("steadfast.store.writes")
                    .description("Batches written through the store, by outcome").baseUnit("batches")
                    .tags(common).tag("outcome", tagValue(outcome)).register(registry));
        }
        for (TakeoverResult result : TakeoverResult.values()) {
            takeovers.put(result, Counter.builder("steadfast.takeovers")
                    .description("Claims of fences and leases, by result").tags(common)
                    .tag("result", tagValue(result)).register(registry));
        }
        renewed = renewalTimer(registry, common, "renewed");
        renewRefused = renewalTimer(registry, common, "refused");
        recoveries = Timer.builder("steadfast.session.recoveries")
                .description("Time to rebuild a durable session from its snapshot and journal")
                .publishPercentiles(PERCENTILES).tags(common).register(registry);
        recoveryEvents = DistributionSummary.builder("steadfast.session.recovery.events")
                .description("Events replayed per session recovery").baseUnit("events").tags(common)
                .register(registry);
        recoveryLoss = DistributionSummary.builder("steadfast.session.recovery.estimated.loss")
                .description("Acknowledged events a failover would lose, estimated at each recovery")
                .baseUnit("events").tags(common).register(registry);
        leaseHandovers = Timer.builder("steadfast.lease.expiry.to.grant")
                .description("Time from a lease running out to its grant to the next holder")
                .publishPercentiles(PERCENTILES).tags(common).register(registry);
        leaseReleaseHandovers = Timer.builder("steadfast.lease.release.to.grant")
                .description("Time from a lease released through this service to its grant to the next holder")
                .publishPercentiles(PERCENTILES).tags(common).register(registry);
        backend = new BackendMeters(registry, common);
        gauges = new StoreGauges(registry, common);
    }

    /**
     * Updates the meter the event belongs to (a map lookup and an update); events no meter counts are ignored.
     *
     * @param event what Steadfast just did
     */
    @Override
    public void onEvent(SteadfastEvent event) {
        if (event instanceof SteadfastEvent.GroupCommitted g) {
            (g.failed() ? failedCommits : commits).record(g.nanos(), TimeUnit.NANOSECONDS);
            groupSize.record(g.batches());
        } else if (event instanceof SteadfastEvent.BatchWritten w) {
            writes.get(w.outcome()).increment();
        } else if (event instanceof SteadfastEvent.TakeoverJudged t) {
            takeovers.get(t.result()).increment();
        } else if (event instanceof SteadfastEvent.LeaseRenewed r) {
            (r.renewed() ? renewed : renewRefused).record(r.nanos(), TimeUnit.NANOSECONDS);
        } else if (event instanceof SteadfastEvent.SessionRecovered s) {
            recoveries.record(s.nanos(), TimeUnit.NANOSECONDS);
            recoveryEvents.record(s.eventsReplayed());
            recoveryLoss.record(s.estimatedLoss());
        } else if (event instanceof SteadfastEvent.LeaseGrantedAfterExpiry l) {
            leaseHandovers.record(l.millisExpired(), TimeUnit.MILLISECONDS);
        } else if (event instanceof SteadfastEvent.LeaseGrantedAfterRelease l) {
            leaseReleaseHandovers.record(l.millisReleased(), TimeUnit.MILLISECONDS);
        } else if (event instanceof SteadfastEvent.BackendReported b) {
            backend.record(b.event());
        } else if (event instanceof SteadfastEvent.StoreOpened o) {
            gauges.opened(o);
        } else if (event instanceof SteadfastEvent.StoreClosed) {
            gauges.closed();
        }
    }

    private static Timer commitTimer(MeterRegistry registry, Tags common, String outcome) {
        return Timer.builder("steadfast.group.commit")
                .description("Store calls of the group committer and how long they took")
                .publishPercentiles(PERCENTILES).tags(common).tag("outcome", outcome).register(registry);
    }

    private static Timer renewalTimer(MeterRegistry registry, Tags common, String outcome) {
        return Timer.builder("steadfast.lease.renewals").description("Lease renewals and how long they took")
                .publishPercentiles(PERCENTILES).tags(common).tag("outcome", outcome).register(registry);
    }

    private static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
