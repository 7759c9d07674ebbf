package dev.steadfast.session;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Snapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SHA-256 over a canonical encoding of what the store holds for one session: fence (name, owner, epoch, token,
 * lease end), snapshot (covered sequence, payload) and journal (head, then each retained entry's sequence and
 * payload). Every field is length-prefixed, so two stores holding the same state give the same hex string.
 */
final class SessionSignature {
    private SessionSignature() {
    }

    static String of(SessionContext<?, ?> ctx) {
        MessageDigest md = sha256();
        update(md, "steadfast-session-signature-v1");
        update(md, ctx.id());
        Optional<Fence> fence = ctx.store().readFence(ctx.fenceName());
        md.update((byte) (fence.isPresent() ? 1 : 0));
        fence.ifPresent(f -> {
            update(md, f.owner());
            update(md, f.epoch());
            update(md, f.token());
            update(md, f.leaseUntilMillis());
        });
        Optional<Snapshot> snapshot = ctx.store().loadSnapshot(ctx.snapshotKey());
        md.update((byte) (snapshot.isPresent() ? 1 : 0));
        snapshot.ifPresent(s -> {
            update(md, s.coveredSequence());
            update(md, s.payload());
        });
        long head = ctx.store().journalHead(ctx.stream());
        update(md, head);
        if (head > 0) {
            try (Stream<Entry> entries = ctx.store().readJournal(ctx.stream(), 1, head, Integer.MAX_VALUE)) {
                for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                    Entry e = it.next();
                    update(md, e.sequence());
                    update(md, e.payload());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, String s) {
        update(md, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest md, byte[] bytes) {
        update(md, bytes.length);
        md.update(bytes);
    }

    private static void update(MessageDigest md, long value) {
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
