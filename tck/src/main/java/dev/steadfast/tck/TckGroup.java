package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The base of every test group: opens stores in a fresh directory per test and closes them afterwards. */
abstract class TckGroup {
    @TempDir
    Path dir;

    private final List<Store> opened = new ArrayList<>();
    private Store store;

    /** The kit this group runs in, which knows how to open the store under test. */
    abstract StoreTck tck();

    /** The store of this test, opened on first use. */
    final Store store() {
        if (store == null) {
            store = open();
        }
        return store;
    }

    /** Opens another handle on this test's directory (closed after the test). */
    final Store open() {
        Store s = tck().openStore(dir);
        assertNotNull(s, "openStore returned null");
        opened.add(s);
        return s;
    }

    /** Closes the current store and opens the directory again. */
    final Store reopen() {
        store().close();
        store = open();
        return store;
    }

    /** Closes every handle opened, the last first; a close that throws does not keep the others open. */
    @AfterEach
    final void closeStores() {
        RuntimeException first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static StreamId stream(String name) {
        return StreamId.of(name);
    }

    /** Applies {@code batch} to this test's store and checks that it committed. */
    final void commit(WriteBatch batch) {
        commit(store(), batch);
    }

    static void commit(Store s, WriteBatch batch) {
        assertEquals(WriteResult.committed(), s.apply(batch), "the batch should have committed");
    }

    /** Appends one entry per text to {@code stream}, which must be at {@code head}. */
    final void append(StreamId stream, long head, String... payloads) {
        List<byte[]> list = new ArrayList<>();
        for (String p : payloads) {
            list.add(bytes(p));
        }
        commit(WriteBatch.builder().append(stream, head, list).build());
    }

    /** Appends entries "1" to "n" to a fresh stream. */
    final void appendNumbered(StreamId stream, int n) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(bytes(Integer.toString(i)));
        }
        commit(WriteBatch.builder().append(stream, 0, list).build());
    }

    static List<Entry> read(Store s, StreamId stream, long from, long to, int max) {
        try (Stream<Entry> entries = s.readJournal(stream, from, to, max)) {
            return entries.toList();
        }
    }

    final List<Entry> read(StreamId stream, long from, long to, int max) {
        return read(store(), stream, from, to, max);
    }

    final List<Long> sequences(StreamId stream, long from, long to, int max) {
        return read(stream, from, to, max).stream().map(Entry::sequence).toList();
    }

    static List<Long> range(long first, long last) {
        List<Long> list = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            list.add(i);
        }
        return list;
    }

    /** Everything the store holds, for checking that a rejected write changed nothing. */
    final StoreState state() {
        return StoreState.of(store());
    }
}
