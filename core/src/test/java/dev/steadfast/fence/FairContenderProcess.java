package dev.steadfast.fence;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A child JVM contending greedily for one lease: it acquires, prints {@code G <epoch>}, releases and asks again at
 * once; refused, it asks again a millisecond later. Refused because the lease is held, it has a place in the queue;
 * it then reads the fence and prints {@code W <epoch>} when another owner holds that epoch: the grant after that
 * epoch must be its own. It starts on the line {@code go} and stops once the fence has
 * reached epoch {@code limit}, leaving the queue and printing {@code DONE}.
 *
 * <p>Arguments: store URI, owner, limit.
 */
public final class FairContenderProcess {
    static final String LEASE = "shared-job";
    static final Duration TTL = Duration.ofSeconds(60);

    private FairContenderProcess() {
    }

    public static void main(String[] args) throws Exception {
        String owner = args[1];
        long limit = Long.parseLong(args[2]);
        try (Store store = Stores.open(args[0])) {
            Leases leases = new Leases(store, Clock.system());
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            while (leases.read(LEASE).map(Fence::epoch).orElse(0L) < limit) {
                Claim<Lease> claim = leases.acquire(LEASE, owner, TTL);
                if (claim instanceof Claim.Granted<Lease> g) {
                    System.out.println("G " + g.value().epoch());
                    leases.release(g.value()).orElseThrow();
                    continue;
                }
                if (((Claim.Rejected<Lease>) claim).error() instanceof OwnershipError.LeaseHeld) {
                    // Queued now, while another holds (or has just released) this epoch: the next grant is ours.
                    Fence seen = leases.read(LEASE).orElseThrow();
                    if (!seen.owner().equals(owner)) {
                        System.out.println("W " + seen.epoch());
                    }
                }
                Thread.sleep(1);
            }
            leases.leaveQueue(LEASE, owner);
        }
        System.out.println("DONE");
    }
}
