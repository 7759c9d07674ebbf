package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A content summary of a store: one line per unit (each journal, each record namespace, each snapshot, each fence)
 * giving its head, first retained sequence, count and a SHA-256 over its content. Two stores hold the same state
 * exactly when their digests are equal, whatever their backends; {@link StoreCopy} uses it to verify a copy.
 * Reads in bounded pages, so a large store is never held in memory.
 *
 * @param units unit name ({@code journal:NAME}, {@code records:NAMESPACE}, {@code snapshot:KEY},
 *              {@code fence:NAME}) to its summary line, in name order
 */
public record StoreDigest(Map<String, String> units) {
    private static final int PAGE = 500;

    /**
     * Copies {@code units} into an unmodifiable sorted map.
     *
     * @param units unit name ({@code journal:NAME}, {@code records:NAMESPACE}, {@code snapshot:KEY},
     *              {@code fence:NAME}) to its summary line, in name order
     */
    public StoreDigest {
        units = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(units, "units")));
    }

    /** Reads all of {@code store} and summarises it, leaving out the record namespace {@code excludedNamespace}. */
    static StoreDigest of(Store store, String excludedNamespace) {
        Map<String, String> units = new TreeMap<>();
        for (StreamId stream : store.listStreams("")) {
            units.put("journal:" + stream, journal(store, stream));
        }
        for (String namespace : store.listNamespaces("")) {
            if (!namespace.equals(excludedNamespace)) {
                units.put("records:" + namespace, records(store, namespace));
            }
        }
        for (String key : store.listSnapshots("")) {
            store.loadSnapshot(key).ifPresent(s -> units.put("snapshot:" + key, snapshot(s)));
        }
        for (Fence fence : store.listFences("")) {
            units.put("fence:" + fence.name(), fence(fence));
        }
        return new StoreDigest(units);
    }

    /**
     * Reads all of {@code store} and summarises it.
     *
     * @param store read only
     * @return a summary per unit of state, equal for stores holding the same state, whatever their backend
     */
    public static StoreDigest of(Store store) {
        return of(store, StoreCopy.PROGRESS_NAMESPACE);
    }

    /**
     * The units whose summaries differ between this digest (the source) and {@code other} (the target), each with
     * both lines. With {@code onlyMine}, units only the target has are not differences (a merge keeps them).
     *
     * @param other    the target's digest
     * @param onlyMine whether units only the target has are ignored
     * @return one line per difference, empty when the stores agree
     */
    public List<String> differences(StoreDigest other, boolean onlyMine) {
        TreeMap<String, String> all = new TreeMap<>();
        units.keySet().forEach(k -> all.put(k, ""));
        if (!onlyMine) {
            other.units.keySet().forEach(k -> all.put(k, ""));
        }
        List<String> found = new ArrayList<>();
        for (String unit : all.keySet()) {
            String mine = units.getOrDefault(unit, "absent");
            String theirs = other.units.getOrDefault(unit, "absent");
            if (!mine.equals(theirs)) {
                found.add(unit + ": source " + mine + ", target " + theirs);
            }
        }
        return found;
    }

    private static String journal(Store store, StreamId stream) {
        long head = store.journalHead(stream);
        Hash hash = new Hash();
        long count = 0;
        long first = 0;
        long next = 1;
        while (next <= head) {
            List<Entry> page = JournalCopier.page(store, stream, next, head, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (Entry e : page) {
                first = first == 0 ? e.sequence() : first;
                hash.add(e.sequence()).add(e.payload());
                count++;
            }
            next = page.get(page.size() - 1).sequence() + 1;
        }
        return "head=" + head + " first=" + first + " count=" + count + " sha256=" + hash.hex();
    }

    private static String records(Store store, String namespace) {
        Hash hash = new Hash();
        long count = 0;
        RecordKey after = null;
        while (true) {
            List<StoredRecord> page = StoreCopy.recordsAfter(store, namespace, after, PAGE);
            for (StoredRecord r : page) {
                hash.add(r.key().bytes()).add(r.value());
                count++;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        return "count=" + count + " sha256=" + hash.hex();
    }

    private static String snapshot(Snapshot s) {
        return "covers=" + s.coveredSequence() + " sha256=" + new Hash().add(s.payload()).hex();
    }

    private static String fence(Fence f) {
        return "epoch=" + f.epoch() + " owner=" + f.owner() + " leaseUntil=" + f.leaseUntilMillis()
                + " token-sha256=" + new Hash().add(f.token().getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** Length-prefixed hashing, so that ("ab","c") and ("a","bc") differ. */
    private static final class Hash {
        private final MessageDigest digest;

        Hash() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }

        Hash add(long value) {
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
            return this;
        }

        Hash add(byte[] bytes) {
            add(bytes.length);
            digest.update(bytes);
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
