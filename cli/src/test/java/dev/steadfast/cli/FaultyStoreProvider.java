package dev.steadfast.cli;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.tck.InjectedFaults;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Serves {@code faulty:<fault>} in the command's tests: a fresh in-memory store with one of the TCK's
 * {@link InjectedFaults}, so that {@code steadfast certify} is run end to end against a broken store; or
 * ({@code faulty:bug-in-a-read}) one whose reads fail as a bug would, with an exception no command expects.
 */
public final class FaultyStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "faulty";
    }

    @Override
    public Store open(StoreSpec spec) {
        spec.requireKnownOptions(Set.of("token")); // a secret that opens nothing: what commands must not print
        UnaryOperator<Store> fault = switch (spec.location()) {
            case "ignore-fence-guards" -> InjectedFaults::ignoringFenceGuards;
            case "drop-acknowledged-appends" -> InjectedFaults::droppingAcknowledgedAppends;
            case "leases-never-expire" -> InjectedFaults::leasesNeverExpiring;
            case "bug-in-a-read" -> store -> new ForwardingStore(store) {
                @Override
                public List<StreamId> listStreams(String prefix) {
                    throw new IllegalStateException("injected: a bug in a read");
                }
            };
            default -> throw new StoreConfigurationException("no fault '" + spec.location() + "'");
        };
        StoreProvider memory = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("memory")).findFirst().orElseThrow();
        return fault.apply(memory.open(StoreSpec.parse("memory:")));
    }
}
