package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child process of {@link CrossProcessFencingTest}, one owner of a fence over one SQLite file. Commands on stdin:
 * <ul>
 *   <li>{@code take E}: set the fence to epoch E (expecting E-1) together with a marker entry; prints
 *       {@code took E at SEQ}, retrying only a lost append race;</li>
 *   <li>{@code write E}: append entries guarded by epoch E until fenced out; prints {@code wrote SEQ} per
 *       committed entry and finally {@code fenced FOUND_EPOCH FOUND_OWNER}.</li>
 * </ul>
 * Args: store URI, owner name.
 */
public final class FenceContender {
    static final String FENCE = "fence/leader";
    static final StreamId STREAM = StreamId.of("fenced/journal");

    private FenceContender() {
    }

    public static void main(String[] args) throws Exception {
        String owner = args[1];
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse(args[0]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("ready");
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.split(" ");
                long epoch = Long.parseLong(cmd[1]);
                if (cmd[0].equals("take")) {
                    take(store, owner, epoch);
                } else {
                    write(store, owner, epoch);
                }
            }
        }
    }

    private static void take(Store store, String owner, long epoch) {
        while (true) {
            long head = store.journalHead(STREAM);
            WriteResult r = store.apply(WriteBatch.builder()
                    .setFence(new Fence(FENCE, owner, epoch, "t-" + owner, Long.MAX_VALUE), epoch - 1)
                    .append(STREAM, head, bytes(owner + " took " + epoch))
                    .build());
            if (r.isCommitted()) {
                System.out.println("took " + epoch + " at " + (head + 1));
                return;
            }
            if (!(r instanceof SequenceConflict)) {
                System.out.println("failed " + r);
                return;
            }
        }
    }

    private static void write(Store store, String owner, long epoch) {
        while (true) {
            long head = store.journalHead(STREAM);
            WriteResult r = store.apply(WriteBatch.builder()
                    .guardFence(FENCE, epoch)
                    .append(STREAM, head, bytes(owner + " wrote"))
                    .build());
            if (r.isCommitted()) {
                System.out.println("wrote " + (head + 1));
            } else if (r instanceof FencedOut f) {
                System.out.println("fenced " + f.foundEpoch() + " " + f.foundOwner());
                return;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
