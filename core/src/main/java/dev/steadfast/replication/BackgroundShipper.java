package dev.steadfast.replication;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The thread that keeps replicas of an {@link AckMode.Local} primary hot: it ships after every write it is woken
 * for and, while a replica is behind (down, cut off, refusing), again every interval, so the replica catches up
 * from its own durable LSN once it is back. A caught-up cluster costs nothing: the thread waits for the next
 * write. The interval only paces retries; nothing is decided by it, so it is plain monitor time.
 */
final class BackgroundShipper implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(BackgroundShipper.class.getName());

    private final BooleanSupplier shipOnce;
    private final long intervalMillis;
    private final Duration joinTimeout;
    private final Thread thread;
    private boolean wanted;
    private boolean closed;

    /**
     * @param shipOnce     ships once; true when every replica holds the whole journal
     * @param interval     the pause between retries while a replica is behind
     * @param joinTimeout  how long {@link #close} waits for a ship in progress (a request's timeout bounds it)
     */
    BackgroundShipper(String nodeId, BooleanSupplier shipOnce, Duration interval, Duration joinTimeout) {
        this.shipOnce = shipOnce;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.joinTimeout = joinTimeout;
        this.thread = new Thread(this::run, "steadfast-replication-shipper-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a ship soon: a write committed. */
    synchronized void wake() {
        wanted = true;
        notifyAll();
    }

    private void run() {
        boolean caughtUp = true;
        while (true) {
            synchronized (this) {
                if (!wanted && !closed) {
                    try {
                        wait(caughtUp ? 0 : intervalMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                wanted = false;
            }
            try {
                caughtUp = shipOnce.getAsBoolean();
            } catch (RuntimeException e) {
                // a store fault or a closing node: retried after the interval, never the end of the thread
                LOGGER.log(System.Logger.Level.WARNING, "background shipping failed: " + e);
                caughtUp = false;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(joinTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
