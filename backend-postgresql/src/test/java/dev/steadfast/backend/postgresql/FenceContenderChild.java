package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM that contends for one fence for a while: it takes the fence over at the epoch it last read, then
 * appends a few entries guarded by its new epoch, again and again. Every takeover appends {@code T <epoch>
 * <owner>} to the shared journal in the same batch and every guarded write appends {@code W <epoch> <owner> <n>},
 * so the journal's order is the commit order of all of them. It prints each acknowledged batch the same way
 * ({@code T ...} / {@code W ...}) and finally {@code DONE takeovers=.. writes=.. fencedOut=.. lostRaces=..}.
 *
 * <p>Arguments: store URI, owner name, seconds to run, the number of takeovers (of all children together) to run
 * at least. The run goes on past its seconds until the fence's epoch reaches that number, so a loaded machine
 * gives as much contention as a quiet one, bounded by {@link #HARD_CAP_SECONDS} (or the seconds given, if longer).
 */
public final class FenceContenderChild {
    static final String FENCE = "contended";
    static final StreamId JOURNAL = StreamId.of("contended-log");
    private static final int WRITES_PER_TERM = 2;
    /** However slow the machine, a child stops after this long; the parent's wait is longer. */
    static final long HARD_CAP_SECONDS = 150;

    private FenceContenderChild() {
    }

    public static void main(String[] args) {
        String owner = args[1];
        long start = System.nanoTime();
        long seconds = Long.parseLong(args[2]);
        long deadline = start + seconds * 1_000_000_000L;
        long hardCap = start + Math.max(seconds, HARD_CAP_SECONDS) * 1_000_000_000L;
        long minEpoch = Long.parseLong(args[3]);
        long takeovers = 0;
        long writes = 0;
        long fencedOut = 0;
        long lostRaces = 0;
        try (Store store = new PostgresStoreProvider().open(StoreSpec.parse(args[0]))) {
            System.out.println("ready");
            long epoch = 0;
            while (System.nanoTime() < hardCap && (System.nanoTime() < deadline || epoch <= minEpoch)) {
                epoch = store.readFence(FENCE).map(Fence::epoch).orElse(0L) + 1;
                WriteResult took = store.apply(WriteBatch.builder()
                        .setFence(new Fence(FENCE, owner, epoch, "", Long.MAX_VALUE), epoch - 1)
                        .append(JOURNAL, store.journalHead(JOURNAL), bytes("T " + epoch + " " + owner))
                        .build());
                if (!took.isCommitted()) {
                    lostRaces++;
                    continue;
                }
                takeovers++;
                System.out.println("T " + epoch + " " + owner);
                for (int n = 0; n < WRITES_PER_TERM; ) {
                    String entry = "W " + epoch + " " + owner + " " + n;
                    WriteResult wrote = store.apply(WriteBatch.builder().guardFence(FENCE, epoch)
                            .append(JOURNAL, store.journalHead(JOURNAL), bytes(entry)).build());
                    if (wrote.isCommitted()) {
                        writes++;
                        n++;
                        System.out.println(entry);
                    } else if (wrote instanceof FencedOut) {
                        fencedOut++;
                        break;
                    } else {
                        lostRaces++;
                    }
                }
            }
        }
        System.out.println("DONE takeovers=" + takeovers + " writes=" + writes + " fencedOut=" + fencedOut
                + " lostRaces=" + lostRaces);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
