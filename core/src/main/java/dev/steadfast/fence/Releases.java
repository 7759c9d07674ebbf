package dev.steadfast.fence;

import dev.steadfast.internal.Observer;
import dev.steadfast.spi.Fence;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this service released each fence's lease, so that the next grant can report how long the fence stood free.
 * A release is stored as a lease ending at 0, without its time, so only releases made through this instance are
 * known; a grant after another process's release is not timed. One entry per fence at most, dropped at the grant
 * that follows it.
 */
final class Releases {
    private record Released(long epoch, long atMillis) {
    }

    private final Map<String, Released> released = new ConcurrentHashMap<>();

    /** The lease on {@code fence} at {@code epoch} was released at {@code atMillis}. */
    void released(String fence, long epoch, long atMillis) {
        released.put(fence, new Released(epoch, atMillis));
    }

    /**
     * Reports the grant of {@code fence} to {@code owner} at {@code epoch} over {@code previous}: the time since the
     * previous lease ran out, or since this instance released it; nothing when neither is known.
     */
    void granted(Observer observer, String fence, String owner, long epoch, Fence previous, long now) {
        Released r = released.remove(fence);
        if (previous.leaseUntilMillis() > 0) {
            observer.leaseGrantedAfterExpiry(fence, owner, epoch, now - previous.leaseUntilMillis());
        } else if (r != null && r.epoch() == previous.epoch()) {
            observer.leaseGrantedAfterRelease(fence, owner, epoch, Math.max(0, now - r.atMillis()));
        }
    }
}
