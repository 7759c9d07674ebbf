package dev.steadfast.transport.tcp;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a plain TCP socket when a call on it has run out of time. A socket's read timeout bounds each read, not a
 * call: a peer that sends one byte just inside it, again and again, would stretch a call without end, and a peer
 * that stops reading blocks a write, to which no timeout applies at all. Closing the socket is the one way to end
 * a blocked read or write from another thread. The socket must be the plain one under any TLS layer: closing a
 * TLS socket first writes its close notice, which would block behind the stuck write.
 *
 * <p>Thread-safe; stopped by the thread making the call.
 */
final class Deadline {
    // One sweeper for every deadline instead of a timer task per call: arming a task on an empty timer queue wakes
    // the timer thread, one more context switch per request, which cost a replication link about a sixth of its
    // throughput on two cores (ReplicationBenchmark, local mode). A sweep every TICK costs nothing per call; a
    // deadline is enforced up to a TICK late, which a call's timeout (seconds, at least milliseconds) absorbs.
    private static final long TICK_NANOS = 20_000_000L;
    // Ticks go on this long after the last deadline ended, so a link's back-to-back calls never wake the sweeper.
    private static final long LINGER_NANOS = 1_000_000_000L;
    private static final Set<Deadline> ARMED = ConcurrentHashMap.newKeySet();
    private static volatile boolean sweeperParked;
    private static final Thread SWEEPER = sweeper();

    private static final int LIVE = 0;
    private static final int PASSED = 1;
    private static final int STOPPED = 2;

    // decided once, by whichever comes first: the sweeper (then the socket is closed) or the caller's stop
    private final AtomicInteger state = new AtomicInteger(LIVE);
    private final Socket socket;
    private final long dueNanos;

    private Deadline(Socket socket, long millis) {
        this.socket = socket;
        this.dueNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /** Arms a deadline {@code millis} from now that closes {@code socket}. */
    static Deadline after(Socket socket, long millis) {
        Deadline deadline = new Deadline(socket, millis);
        ARMED.add(deadline);
        if (sweeperParked) { // read after the add; the sweeper re-reads ARMED after setting it
            LockSupport.unpark(SWEEPER);
        }
        return deadline;
    }

    /**
     * Disarms the deadline; idempotent.
     *
     * @return whether it had already passed (the socket is closed, or being closed)
     */
    boolean stop() {
        if (state.compareAndSet(LIVE, STOPPED)) {
            ARMED.remove(this);
        }
        return state.get() == PASSED;
    }

    private static void sweep(long now) {
        for (Deadline d : ARMED) {
            if (now - d.dueNanos >= 0 && d.state.compareAndSet(LIVE, PASSED)) {
                ARMED.remove(d);
                close(d.socket);
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private static Thread sweeper() {
        Thread t = new Thread(() -> {
            long lastBusy = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                sweep(now);
                if (!ARMED.isEmpty()) {
                    lastBusy = now;
                } else if (now - lastBusy > LINGER_NANOS) {
                    sweeperParked = true;
                    if (ARMED.isEmpty()) {
                        LockSupport.park();
                    }
                    sweeperParked = false;
                    lastBusy = System.nanoTime();
                    continue;
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
        }, "steadfast-tcp-deadlines");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
