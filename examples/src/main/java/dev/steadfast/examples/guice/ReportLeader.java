package dev.steadfast.examples.guice;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The one node that publishes the daily report: it leads while it holds the {@code leader/reports} lease, and
 * publishes under the lease's fence, so a node whose lease ran out and was taken over cannot publish any more.
 */
@Singleton
public final class ReportLeader {
    /** How long a lease runs unless renewed. */
    public static final Duration TTL = Duration.ofSeconds(10);
    static final String LEASE = "leader/reports";
    static final String REPORTS = "reports";

    private final Leases leases;
    private final Store store;
    private final String node;
    private Lease lease;

    /** The leader election of {@code node} over {@code leases} and {@code store}. */
    @Inject
    public ReportLeader(Leases leases, Store store, @Named("node") String node) {
        this.leases = leases;
        this.store = store;
        this.node = node;
    }

    /** Takes or renews the lease; whether this node leads now. */
    public synchronized boolean tryLead() {
        Claim<Lease> claim = lease == null ? leases.acquire(LEASE, node, TTL) : leases.renew(lease, TTL);
        lease = claim instanceof Claim.Granted<Lease> g ? g.value() : null;
        return lease != null;
    }

    /** Publishes {@code report} for {@code day} if this node still holds the lease the store knows. */
    public synchronized boolean publish(String day, String report) {
        if (lease == null) {
            return false;
        }
        WriteResult result = store.apply(WriteBatch.builder().guard(lease.guard())
                .putRecord(REPORTS, RecordKey.of(day), report.getBytes(StandardCharsets.UTF_8)).build());
        return result.isCommitted();
    }

    /** The report published for {@code day}, if any. */
    public Optional<String> report(String day) {
        return store.getRecord(REPORTS, RecordKey.of(day)).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
