package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.RepairReport;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code steadfast repair} for an encrypted-file store: keeps the {@link RepairWalk longest intact run} of records,
 * and moves everything else into a quarantine directory beside the store ({@code <store>.quarantine-<UTC time>}):
 * segment files past the kept run or outside it, files named like segments in a non-canonical form, and byte-exact
 * copies of the segment it cuts and of the {@code MANIFEST} it replaces. Nothing is deleted. Then it writes a
 * manifest that describes exactly what is kept, so the store opens.
 *
 * <p>Order, so that a crash at any point leaves a store that a second repair finishes: copies into the quarantine
 * (fsync'd), moves (directory fsync'd), the cut (fsync'd), last the manifest. Runs under the store's lock.
 */
final class Repair {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final RecordCipher cipher;
    private final Clock clock;

    Repair(Path dir, RecordCipher cipher, Clock clock) {
        this.dir = dir;
        this.cipher = cipher;
        this.clock = clock;
    }

    RepairReport run(String store, boolean dryRun) {
        try (DirectoryLock lock = DirectoryLock.acquire(dir)) {
            return plan(store, dryRun);
        } catch (IOException e) {
            throw new StoreIOException("repair of " + dir + " failed: " + e.getMessage() + " (what was done so far"
                    + " is in the quarantine directory beside it; run repair again)", e);
        }
    }

    private RepairReport plan(String store, boolean dryRun) throws IOException {
        Manifest manifest = ManifestFile.read(dir, cipher);
        TreeMap<Long, Path> segments = new TreeMap<>();
        List<Path> strays = new ArrayList<>();
        list(segments, strays);
        RepairWalk walk = RepairWalk.walk(manifest, cipher, segments);
        List<Path> keptPaths = walk.kept.stream().map(RepairWalk.Kept::path).toList();
        List<Path> moved = new ArrayList<>(strays);
        segments.values().stream().filter(p -> !keptPaths.contains(p)).forEach(moved::add);
        RepairWalk.Kept last = walk.last();
        if (moved.isEmpty() && !last.cut() && walk.manifestMatches()) {
            return new RepairReport(store, dryRun, "", List.of(), List.of(), List.of(), List.of());
        }
        RepairLosses losses = new RepairLosses(walk, cipher);
        if (last.cut()) {
            losses.scan(last.path(), last.end());
        }
        for (var e : segments.tailMap(last.id(), false).entrySet()) {
            losses.scan(e.getValue(), 0);
        }
        Path quarantine = quarantineDir();
        List<String> actions = new ArrayList<>();
        if (walk.stop != null) {
            actions.add("kept records up to " + walk.sequence + "; stopped because " + walk.stop);
        }
        actions.add("copy " + Format.MANIFEST + " (generation " + manifest.generation() + ") to the quarantine");
        if (last.cut()) {
            actions.add("copy " + last.path().getFileName() + " to the quarantine, then cut it at offset "
                    + last.end() + " (" + (last.size() - last.end()) + " bytes)");
        }
        moved.forEach(p -> actions.add("move " + p.getFileName() + " to the quarantine"));
        Manifest next = new Manifest(manifest.storeId(), Math.max(manifest.generation(), walk.maxCheckpoint) + 1,
                manifest.baseSequence(), manifest.baseChain(), walk.kept.stream()
                .map(k -> new Manifest.SegmentRef(k.id(), k.epoch())).toList(), walk.sequence, walk.chain, List.of());
        actions.add("write a " + Format.MANIFEST + " (generation " + next.generation() + ") listing "
                + next.segments().size() + " segment(s) up to record " + walk.sequence);
        RepairReport report = new RepairReport(store, dryRun, quarantine.toString(), actions, losses.entries(),
                losses.other, losses.unknowns());
        if (!dryRun) {
            apply(quarantine, last, moved, next, report);
        }
        return report;
    }

    private void apply(Path quarantine, RepairWalk.Kept last, List<Path> moved, Manifest next, RepairReport report)
            throws IOException {
        Files.createDirectory(quarantine);
        copy(dir.resolve(Format.MANIFEST), quarantine);
        if (last.cut()) {
            copy(last.path(), quarantine);
        }
        Durable.syncDirectory(quarantine);
        for (Path p : moved) {
            Files.move(p, quarantine.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        Durable.syncDirectory(quarantine);
        Durable.syncDirectory(dir);
        if (last.cut()) {
            try (FileChannel ch = FileChannel.open(last.path(), StandardOpenOption.WRITE)) {
                ch.truncate(last.end());
                ch.force(true);
            }
        }
        ManifestFile.write(dir, next, cipher);
        Durable.replace(quarantine.resolve("REPAIR-REPORT.txt"),
                RepairText.of(report).getBytes(StandardCharsets.UTF_8));
    }

    private static void copy(Path file, Path quarantine) throws IOException {
        Path target = quarantine.resolve(file.getFileName());
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Segment files by id (the canonical name before the pending one) and files named like segments otherwise. */
    private void list(TreeMap<Long, Path> segments, List<Path> strays) throws IOException {
        List<Path> pending = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Format.segmentIdOf(name) >= 0) {
                    segments.put(Format.segmentIdOf(name), p);
                } else if (Format.pendingIdOf(name) >= 0) {
                    pending.add(p);
                } else if (name.startsWith(Format.SEGMENT_PREFIX) || name.startsWith(Format.PENDING_PREFIX)) {
                    strays.add(p);
                }
            }
        }
        for (Path p : pending) {
            if (segments.putIfAbsent(Format.pendingIdOf(p.getFileName().toString()), p) != null) {
                strays.add(p);
            }
        }
    }

    private Path quarantineDir() {
        String base = dir.getFileName() + ".quarantine-" + STAMP.format(clock.instant());
        Path candidate = dir.resolveSibling(base);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = dir.resolveSibling(base + "-" + i);
        }
        return candidate;
    }
}
