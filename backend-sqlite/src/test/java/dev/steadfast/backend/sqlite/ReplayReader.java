package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Child process of {@link SqliteReplayTest}: reads a whole journal through {@code readJournal} with a heap far
 * smaller than the journal, checking contiguity. Prints {@code replayed N}. Args: store URI, stream.
 */
public final class ReplayReader {
    private ReplayReader() {
    }

    public static void main(String[] args) {
        StreamId stream = StreamId.of(args[1]);
        long count = 0;
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse(args[0]));
             Stream<Entry> entries = store.readJournal(stream, 1)) {
            Iterator<Entry> it = entries.iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (e.sequence() != count + 1) {
                    System.out.println("gap at " + e.sequence() + " after " + count);
                    System.exit(3);
                }
                count++;
            }
        }
        System.out.println("replayed " + count);
    }
}
