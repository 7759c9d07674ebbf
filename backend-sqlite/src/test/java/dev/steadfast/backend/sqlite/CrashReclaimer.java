package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Child process of {@link H2ReclaimCrashTest}: forever appends a round of entries to a kept journal (printing
 * {@code kept HEAD} once committed), appends as many to a purged journal and truncates it whole, then prints
 * {@code reclaiming N}, compacts the file and prints {@code reclaimed N}. Args: the {@code h2:} URI.
 */
public final class CrashReclaimer {
    static final StreamId KEPT = StreamId.of("crash/kept");
    static final StreamId PURGED = StreamId.of("crash/purged");
    static final int PER_ROUND = 100;

    private CrashReclaimer() {
    }

    public static void main(String[] args) {
        Store store = new H2StoreProvider().open(StoreSpec.parse(args[0]));
        System.out.println("ready " + store.journalHead(KEPT));
        System.out.flush();
        for (int round = 1; ; round++) {
            long kept = append(store, KEPT);
            System.out.println("kept " + kept);
            append(store, PURGED);
            store.apply(WriteBatch.builder().truncate(PURGED, store.journalHead(PURGED)).build());
            System.out.println("reclaiming " + round);
            System.out.flush();
            store.reclaimSpace();
            System.out.println("reclaimed " + round);
        }
    }

    /** Entry {@code n} of either journal: {@code n} in its first eight bytes, then its low byte. */
    static byte[] payload(long sequence) {
        byte[] bytes = new byte[2048];
        Arrays.fill(bytes, (byte) sequence);
        ByteBuffer.wrap(bytes).putLong(sequence);
        return bytes;
    }

    private static long append(Store store, StreamId stream) {
        long head = store.journalHead(stream);
        WriteBatch.Builder batch = WriteBatch.builder();
        byte[][] payloads = new byte[PER_ROUND][];
        for (int i = 0; i < PER_ROUND; i++) {
            payloads[i] = payload(head + 1 + i);
        }
        if (!store.apply(batch.append(stream, head, payloads).build()).isCommitted()) {
            System.out.println("conflict at " + head + " of " + stream);
            System.exit(2);
        }
        return head + PER_ROUND;
    }
}
