package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Names holding characters that are wildcards or escapes in SQL {@code LIKE}, regular expressions or globs, and
 * non-ASCII text: a prefix matches literally and a name only itself, in every listing, scan and read.
 */
abstract class SpecialNameTests extends TckGroup {
    /** Each special character between "sp/x" and "y", beside decoys a wildcard, a case or accent folding would match. */
    static final List<String> NAMES = names();

    /** Prefixes that end in or hold each special character, plus decoy-only and non-ASCII ones. */
    static final List<String> PREFIXES = prefixes();

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String c : List.of("_", "%", "\\", "*", ".", "[", "]", "?", "^", "$", "'", "(")) {
            names.add("sp/x" + c + "y");
            names.add("sp/x" + c + c + "y");
        }
        names.addAll(List.of("sp/xQy", "sp/xQQy", "sp/x", "sp/xy", "SP/x_y", "sp/X_y",
                "sp/\u00e9", "sp/e\u0301", "sp/e", "sp/E", "sp/\u65e5\u672c", "sp/\uD83D\uDE00", "sp/\uFF61", "sp\\x"));
        return List.copyOf(names);
    }

    private static List<String> prefixes() {
        List<String> prefixes = new ArrayList<>(List.of("", "sp/", "sp/x", "sp/xQ", "SP/", "sp/X", "sp\\",
                "sp/\u00e9", "sp/e", "sp/\u65e5", "sp/\uD83D\uDE00", "sp/\uFF61"));
        for (String c : List.of("_", "%", "\\", "*", ".", "[", "]", "?", "^", "$", "'", "(")) {
            prefixes.add("sp/x" + c);
            prefixes.add("sp/x" + c + c);
            prefixes.add("sp/x" + c + "y");
        }
        return List.copyOf(prefixes);
    }

    /** The names that literally start with {@code prefix}, in code point order. */
    static List<String> expected(String prefix) {
        return NAMES.stream().filter(n -> n.startsWith(prefix)).sorted(Names.CODE_POINT_ORDER).toList();
    }

    private static void assertListing(String method, Function<String, List<String>> listing) {
        for (String prefix : PREFIXES) {
            assertEquals(expected(prefix), listing.apply(prefix), method + "(\"" + prefix + "\")");
        }
    }

    @Test
    @DisplayName("listStreams matches prefixes with _ % \\ * . [ and non-ASCII literally, in code point order")
    void listStreams() {
        for (String n : NAMES) {
            append(stream(n), 0, n);
        }
        assertListing("listStreams", p -> store().listStreams(p).stream().map(StreamId::value).toList());
    }

    @Test
    @DisplayName("listSnapshots matches prefixes with _ % \\ * . [ and non-ASCII literally, in code point order")
    void listSnapshots() {
        WriteBatch.Builder batch = WriteBatch.builder();
        NAMES.forEach(n -> batch.putSnapshot(n, 1, bytes(n)));
        commit(batch.build());
        assertListing("listSnapshots", store()::listSnapshots);
    }

    @Test
    @DisplayName("listNamespaces matches prefixes with _ % \\ * . [ and non-ASCII literally, in code point order")
    void listNamespaces() {
        WriteBatch.Builder batch = WriteBatch.builder();
        NAMES.forEach(n -> batch.putRecord(n, RecordKey.of("k"), bytes(n)));
        commit(batch.build());
        assertListing("listNamespaces", store()::listNamespaces);
    }

    @Test
    @DisplayName("listFences matches prefixes with _ % \\ * . [ and non-ASCII literally, in code point order")
    void listFences() {
        WriteBatch.Builder batch = WriteBatch.builder();
        NAMES.forEach(n -> batch.setFence(new Fence(n, n, 1, "", 0), 0));
        commit(batch.build());
        assertListing("listFences", p -> store().listFences(p).stream().map(Fence::name).toList());
    }

    @Test
    @DisplayName("reads, scans and single-item reads of a special or non-ASCII name return only that name's state")
    void readsAreExact() {
        WriteBatch.Builder batch = WriteBatch.builder();
        for (String n : NAMES) {
            batch.append(stream(n), 0, bytes(n)).putSnapshot(n, 1, bytes(n))
                    .putRecord(n, RecordKey.of(n), bytes(n)).putRecord("sp/keys", RecordKey.of(n), bytes(n))
                    .setFence(new Fence(n, n, 1, "", 0), 0);
        }
        commit(batch.build());
        for (String n : NAMES) {
            assertEquals(1, store().journalHead(stream(n)), "journalHead of " + n);
            assertEquals(List.of(n), read(stream(n), 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList(),
                    "readJournal of " + n);
            assertEquals(n, text(store().loadSnapshot(n).orElseThrow().payload()), "loadSnapshot of " + n);
            assertEquals(n, text(store().getRecord(n, RecordKey.of(n)).orElseThrow()), "getRecord in " + n);
            assertEquals(n, text(store().getRecord("sp/keys", RecordKey.of(n)).orElseThrow()), "getRecord of key " + n);
            assertEquals(List.of(n), scan(n), "scanRecords of namespace " + n);
            assertEquals(n, store().readFence(n).orElseThrow().owner(), "readFence of " + n);
        }
        List<String> keyOrder = NAMES.stream().sorted(Names.CODE_POINT_ORDER).toList();
        assertEquals(keyOrder, scan("sp/keys"), "keys with special characters scan in byte order");
    }

    private List<String> scan(String namespace) {
        try (Stream<StoredRecord> records = store().scanRecords(namespace)) {
            return records.map(r -> r.key().utf8()).toList();
        }
    }
}
