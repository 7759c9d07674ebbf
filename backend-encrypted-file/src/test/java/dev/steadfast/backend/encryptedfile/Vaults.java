package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers: open a vault, fill it with known state, dump its state and its files for comparison. */
final class Vaults {
    private Vaults() {
    }

    static Store open(Path vault, Path keyset, long segmentBytes) {
        return new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + vault + "?keyset=" + keyset
                + "&createKeyset=true&segmentBytes=" + segmentBytes));
    }

    /** Opens (creating) {@code vault}, writes {@code batches} batches with {@link #fill}, returns the dump, closes. */
    static String fillAndClose(Path vault, Path keyset, long segmentBytes, int batches, String marker) {
        try (Store store = open(vault, keyset, segmentBytes)) {
            fill(store, batches, marker);
            return dump(store);
        }
    }

    /** The newest segment file of {@code vault}. */
    static Path newest(Path vault) {
        List<Path> segments = segments(vault);
        return segments.get(segments.size() - 1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code batches} batches touching every kind of state; payloads contain {@code marker}. */
    static void fill(Store store, int batches, String marker) {
        for (int i = 0; i < batches; i++) {
            StreamId stream = StreamId.of("orders/" + (i % 3));
            long head = store.journalHead(stream);
            WriteBatch.Builder b = WriteBatch.builder()
                    .append(stream, head, utf8(marker + "-entry-" + i), utf8(marker + "-entry-b-" + i))
                    .putRecord("customers", RecordKey.of("c" + (i % 7)), utf8(marker + "-record-" + i));
            if (i % 5 == 0) {
                b.putSnapshot("snap/" + (i % 2), head + 2, utf8(marker + "-snapshot-" + i));
            }
            if (i % 4 == 0) {
                long epoch = store.readFence("lease").map(Fence::epoch).orElse(0L);
                b.setFence(new Fence("lease", "owner-" + i, epoch + 1, "token-" + i, 1000L + i), epoch);
            }
            if (i % 9 == 8) {
                b.truncate(stream, head - 2);
            }
            if (!store.apply(b.build()).isCommitted()) {
                throw new AssertionError("batch " + i + " conflicted");
            }
        }
    }

    /** Every piece of state, as comparable text. */
    static String dump(Store store) {
        StringBuilder sb = new StringBuilder();
        for (StreamId s : store.listStreams("")) {
            sb.append("stream ").append(s).append(" head ").append(store.journalHead(s)).append('\n');
            try (Stream<Entry> entries = store.readJournal(s, 1)) {
                entries.forEach(e -> sb.append("  ").append(e.sequence()).append('=')
                        .append(new String(e.payload(), StandardCharsets.UTF_8)).append('\n'));
            }
        }
        for (String k : store.listSnapshots("")) {
            var snap = store.loadSnapshot(k).orElseThrow();
            sb.append("snapshot ").append(k).append('@').append(snap.coveredSequence()).append('=')
                    .append(new String(snap.payload(), StandardCharsets.UTF_8)).append('\n');
        }
        for (String ns : store.listNamespaces("")) {
            try (var records = store.scanRecords(ns)) {
                records.forEach(r -> sb.append("record ").append(ns).append('/').append(r.key()).append('=')
                        .append(new String(r.value(), StandardCharsets.UTF_8)).append('\n'));
            }
        }
        store.listFences("").forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }

    /** SHA-256 of every file in {@code dir}, by name: to prove a refused open changed nothing. */
    static TreeMap<String, String> fingerprint(Path dir) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Path p : files(dir)) {
            try {
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> segments(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : files(dir)) {
            if (Format.segmentIdOf(p.getFileName().toString()) >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The start offsets of the frames of a segment file. */
    static List<Integer> frameOffsets(byte[] segment) {
        List<Integer> out = new ArrayList<>();
        int offset = Format.SEGMENT_HEADER_BYTES;
        while (offset < segment.length) {
            Object d = Framing.decode(segment, offset, segment.length);
            if (!(d instanceof Framing.Frame f)) {
                throw new IllegalStateException("damaged frame at " + offset + ": " + d);
            }
            out.add(offset);
            offset = (int) f.nextOffset();
        }
        return out;
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path p : files(from)) {
            if (!p.getFileName().toString().equals(Format.LOCK)) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
