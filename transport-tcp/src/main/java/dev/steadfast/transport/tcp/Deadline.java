package dev.steadfast.transport.tcp;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static final int ARMED = 0;
    private static final int PASSED = 1;
    private static final int STOPPED = 2;

    // decided once, by whichever comes first: the timer (then the socket is closed) or the caller's stop;
    // the future's own cancel cannot tell, as it succeeds even while the timer is closing the socket
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<?> task;

    private Deadline(Socket socket, long millis) {
        this.task = TIMER.schedule(() -> {
            if (state.compareAndSet(ARMED, PASSED)) {
                close(socket);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** Arms a deadline {@code millis} from now that closes {@code socket}. */
    static Deadline after(Socket socket, long millis) {
        return new Deadline(socket, millis);
    }

    /**
     * Disarms the deadline; idempotent.
     *
     * @return whether it had already passed (the socket is closed, or being closed)
     */
    boolean stop() {
        if (state.compareAndSet(ARMED, STOPPED)) {
            task.cancel(false);
        }
        return state.get() == PASSED;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "steadfast-tcp-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a call that ends in time leaves nothing queued
        return timer;
    }
}
