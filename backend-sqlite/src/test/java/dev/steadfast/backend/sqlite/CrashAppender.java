package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.charset.StandardCharsets;

/**
 * Child process of {@link SqliteCrashTest} and {@link H2WriteDelayTest} ({@code sqlite:} or {@code h2:} URI):
 * appends to one journal forever, printing the head only after {@code apply} returned the batch committed. Args: store URI, stream, [entries per batch, default 1].
 */
public final class CrashAppender {
    private CrashAppender() {
    }

    public static void main(String[] args) {
        StreamId stream = StreamId.of(args[1]);
        StoreSpec spec = StoreSpec.parse(args[0]);
        Store store = ("h2".equals(spec.scheme()) ? new H2StoreProvider() : new SqliteStoreProvider()).open(spec);
        long head = store.journalHead(stream);
        System.out.println("ready " + head);
        System.out.flush();
        int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        while (true) {
            byte[][] payloads = new byte[perBatch][];
            for (int i = 0; i < perBatch; i++) {
                payloads[i] = ("entry-" + (head + 1 + i)).getBytes(StandardCharsets.UTF_8);
            }
            if (!store.apply(WriteBatch.builder().append(stream, head, payloads).build()).isCommitted()) {
                System.out.println("conflict at " + head);
                System.exit(2);
            }
            head += perBatch;
            System.out.println(head);
            System.out.flush();
        }
    }
}
