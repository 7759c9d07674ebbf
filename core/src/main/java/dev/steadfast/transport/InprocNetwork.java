package dev.steadfast.transport;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process network of nodes, addressed by name. Requests are handled on the sender's thread; faults (see
 * {@link Faults}) and partitions are injected here and waited out on the network's {@link Clock}, so with a
 * {@code ManualClock} and one thread a scenario is deterministic: a timeout advances the clock instead of sleeping.
 *
 * <pre>{@code
 * InprocNetwork net = InprocNetwork.create(new ManualClock(), 42);
 * net.faults(Faults.onFrames(0.1, 0.05, 0.05, 0.1));
 * Transport transport = net.transport();
 * net.partition("n1", "n2"); // n1 and n2 no longer reach each other, both ways
 * }</pre>
 *
 * <p>{@code inproc:NAME} URIs open {@link #named(String)} networks on the system clock, shared within the JVM.
 * Thread-safe.
 */
public final class InprocNetwork {
    private static final Map<String, InprocNetwork> NAMED = new ConcurrentHashMap<>();

    final Clock clock;
    private final Random random;
    final Map<String, InprocEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Set<Set<String>> cutLinks = new HashSet<>();
    private volatile Faults faults = Faults.NONE;

    private InprocNetwork(Clock clock, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(seed);
    }

    /**
     * A new network, private to its caller.
     *
     * @param clock times delays and timeouts; a manual clock makes runs repeatable
     * @param seed  seeds the generator faults are drawn from: the same seed, the same faults
     * @return a network with no faults and no cut links
     */
    public static InprocNetwork create(Clock clock, long seed) {
        return new InprocNetwork(clock, seed);
    }

    /**
     * The JVM-wide network {@code inproc:name} URIs refer to, on the system clock, created on first use.
     *
     * @param name the network's name in the URI
     * @return the same network for the same name, for the life of the JVM
     */
    public static InprocNetwork named(String name) {
        return NAMED.computeIfAbsent(name, n -> new InprocNetwork(Clock.system(), n.hashCode()));
    }

    /** {@return a transport onto this network, for one node} */
    public Transport transport() {
        return new InprocTransport(this);
    }

    /**
     * Replaces the faults injected from now on.
     *
     * @param faults the faults, for example {@link Faults#onFrames}
     * @return this network
     */
    public InprocNetwork faults(Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
        return this;
    }

    /**
     * Cuts the link between {@code a} and {@code b}, both ways, until {@link #heal()}.
     *
     * @param a a node's id
     * @param b another node's id
     * @return this network
     */
    public synchronized InprocNetwork partition(String a, String b) {
        cutLinks.add(Set.of(a, b));
        return this;
    }

    /**
     * Cuts every link of {@code node} to the nodes listening now, as if its machine fell off the network, until
     * {@link #heal()}.
     *
     * @param node the node's id
     * @return this network
     */
    public synchronized InprocNetwork isolate(String node) {
        for (String other : endpoints.keySet()) {
            if (!other.equals(node)) {
                cutLinks.add(Set.of(node, other));
            }
        }
        return this;
    }

    /** {@return this network, with every cut link restored} */
    public synchronized InprocNetwork heal() {
        cutLinks.clear();
        return this;
    }

    synchronized boolean cut(String a, String b) {
        return cutLinks.contains(Set.of(a, b));
    }

    Faults currentFaults() {
        return faults;
    }

    /** One draw of the seeded generator: whether an event of probability {@code rate} happens. */
    synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    void register(String address, InprocEndpoint endpoint) {
        if (endpoints.putIfAbsent(address, endpoint) != null) {
            throw new TransportException("inproc address '" + address + "' is already listened on");
        }
    }
}
