package dev.steadfast.fence;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The contenders waiting for one lease, kept in the store so that every process sees them: each waiter holds a
 * <em>place</em> with a sequence and its own lease on that place, and the lowest place still live is served next
 * (the order of ZooKeeper's sequential lock nodes, over the four kinds of state).
 *
 * <p>Places are records of a namespace of their own, keyed by sequence; the value is the place's end and its
 * owner. Sequences come from a counter fence of the same name: its epoch is the last sequence handed out, and its
 * lease end is the latest end any place was given. Taking or refreshing a place is one batch raising that counter
 * by compare-and-set, so sequences are unique and a place never appears below one already taken. Two things follow
 * from the counter: when its lease end has passed, no place can be live and nobody need scan the places; and while
 * its epoch has not moved, nobody has queued since, which a contender can guard on instead of reading.
 */
final class LeaseQueue {
    private static final String PREFIX = "steadfast.lease-queue/";
    private static final String HASHED = "steadfast.lease-queue#";
    private static final int MAX_PLACES = 4_096;
    private static final int MAX_TRIES = 16;

    /** One waiter's place: its sequence, owner and the end of its own lease on the place. */
    record Place(long seq, String owner, long untilMillis) {
        boolean liveAt(long nowMillis) {
            return nowMillis < untilMillis;
        }

        RecordKey key() {
            return RecordKey.ofLong(seq);
        }
    }

    /**
     * What one read of the queue found.
     *
     * @param counterEpoch the last sequence handed out (0: nobody ever queued)
     * @param counterUntil the latest end any place was given; no place is live from then on
     * @param places       the places, lowest sequence first; empty when none can be live
     */
    record View(long counterEpoch, long counterUntil, List<Place> places) {
        /**
         * The owner's live place. Not its first place: one that ended stays stored until the next grant clears it,
         * below the live place the owner took since, and must not hide that place.
         */
        Optional<Place> livePlaceOf(String owner, long nowMillis) {
            return places.stream().filter(p -> p.owner().equals(owner) && p.liveAt(nowMillis)).findFirst();
        }

        /** Live places of others that come before {@code owner}'s (all of them when it has none). */
        List<Place> liveAhead(String owner, long nowMillis) {
            long mine = livePlaceOf(owner, nowMillis).map(Place::seq).orElse(Long.MAX_VALUE);
            return places.stream().filter(p -> p.liveAt(nowMillis) && !p.owner().equals(owner) && p.seq() < mine)
                    .toList();
        }
    }

    private LeaseQueue() {
    }

    /** The counter fence's name and the places' namespace for lease {@code lease}. */
    static String nameFor(String lease) {
        if (PREFIX.length() + lease.length() <= Names.MAX_LENGTH) {
            return PREFIX + lease;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lease.getBytes(StandardCharsets.UTF_8));
            return HASHED + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Reads the queue of {@code lease}, scanning its places only when some may be live at {@code nowMillis}. */
    static View read(Store store, String lease, long nowMillis) {
        String name = nameFor(lease);
        Optional<Fence> counter = store.readFence(name);
        long epoch = counter.map(Fence::epoch).orElse(0L);
        long until = counter.map(Fence::leaseUntilMillis).orElse(0L);
        if (until <= nowMillis) {
            return new View(epoch, until, List.of());
        }
        try (Stream<StoredRecord> records = store.scanRecords(name, KeyRange.all(), MAX_PLACES)) {
            return new View(epoch, until, records.map(LeaseQueue::decode).toList());
        }
    }

    /**
     * Makes sure {@code owner} holds a live place that runs at least half of {@code ttlMillis} more: a live place
     * keeps its sequence and is extended, a missing or ended one is taken anew at the back.
     *
     * @return the queue as this call left it
     */
    static View hold(Store store, String lease, String owner, long nowMillis, long ttlMillis, View seen) {
        String name = nameFor(lease);
        View view = seen;
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            Optional<Place> mine = view.livePlaceOf(owner, nowMillis);
            if (mine.isPresent() && mine.get().untilMillis() - nowMillis >= ttlMillis / 2) {
                return view;
            }
            long until = saturatingAdd(nowMillis, ttlMillis);
            long next = view.counterEpoch() + 1;
            Place place = new Place(mine.map(Place::seq).orElse(next), owner, until);
            Fence counter = new Fence(name, owner, next, "", Math.max(until, view.counterUntil()));
            WriteResult result = store.apply(WriteBatch.builder().setFence(counter, view.counterEpoch())
                    .putRecord(name, place.key(), encode(place)).build());
            if (result.isCommitted()) {
                return read(store, lease, nowMillis);
            }
            view = read(store, lease, nowMillis);
        }
        return view; // others keep queueing; this waiter tries again on its next acquire
    }

    /** Removes every place of {@code owner} (an ended one may lie below its live one); the counter stays. */
    static void leave(Store store, String lease, String owner, long nowMillis) {
        String name = nameFor(lease);
        WriteBatch.Builder batch = WriteBatch.builder();
        boolean holds = false;
        for (Place p : read(store, lease, nowMillis).places()) {
            if (p.owner().equals(owner)) {
                batch.removeRecord(name, p.key());
                holds = true;
            }
        }
        if (holds) {
            store.apply(batch.build());
        }
    }

    /** Adds to {@code batch} the removal of {@code owner}'s place and of every ended place {@code view} shows. */
    static WriteBatch.Builder clear(WriteBatch.Builder batch, String lease, View view, String owner, long nowMillis) {
        String name = nameFor(lease);
        for (Place p : view.places()) {
            if (p.owner().equals(owner) || !p.liveAt(nowMillis)) {
                batch.removeRecord(name, p.key());
            }
        }
        return batch;
    }

    private static byte[] encode(Place place) {
        byte[] owner = place.owner().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + owner.length).putLong(place.untilMillis()).put(owner).array();
    }

    private static Place decode(StoredRecord record) {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        long until = value.getLong();
        String owner = StandardCharsets.UTF_8.decode(value).toString();
        return new Place(ByteBuffer.wrap(record.key().bytes()).getLong(), owner, until);
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
