package dev.steadfast.examples.backend;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.charset.StandardCharsets;

/**
 * Appends numbered entries to the journal {@code demo} of a {@code wal:} store, found by its scheme like any other
 * backend, and prints {@code committed N} after entry N is durable.
 *
 * <p>Usage: {@code WalDemo PATH COUNT}. Started again on the same file, it continues at the head.
 */
public final class WalDemo {
    /** The journal written. */
    public static final StreamId STREAM = StreamId.of("demo");

    private WalDemo() {
    }

    /** Runs the demo; see the class comment. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: WalDemo PATH COUNT");
            System.exit(2);
        }
        try (Steadfast steadfast = Steadfast.open("wal:" + args[0])) {
            Store store = steadfast.store();
            long count = Long.parseLong(args[1]);
            for (long head = store.journalHead(STREAM); head < count; head++) {
                byte[] payload = ("entry " + (head + 1)).getBytes(StandardCharsets.UTF_8);
                if (!store.apply(WriteBatch.builder().append(STREAM, head, payload).build()).isCommitted()) {
                    throw new IllegalStateException("journal " + STREAM + " moved under this single writer");
                }
                System.out.println("committed " + (head + 1));
                System.out.flush();
            }
        }
    }
}
