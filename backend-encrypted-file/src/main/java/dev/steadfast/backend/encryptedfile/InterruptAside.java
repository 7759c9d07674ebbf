package dev.steadfast.backend.encryptedfile;

import java.util.function.Supplier;

/**
 * Runs store work with the caller's interrupt status set aside, and sets it again afterwards. Segments are read and
 * written through {@code FileChannel}s shared by every caller, and a channel touched by an interrupted thread is
 * closed for good: one cancelled caller would fail every later read and write of the whole store until it was
 * reopened. The interrupt belongs to the caller, not to the store, so the caller still finds it set on return.
 *
 * <p>An interrupt that arrives from another thread while the work runs still reaches the channel; the writer then
 * fails that commit as unknown and refuses writes until the store is reopened, as for any I/O fault.
 */
final class InterruptAside {
    private InterruptAside() {
    }

    static <T> T call(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
