package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: writes forever from several threads and prints {@code ACK stream seq}
 * only after the store reported the batch committed, until the parent kills it. With a second argument
 * {@code compact}, one more thread compacts the store over and over.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(args[0]));
        System.out.println("OPEN");
        System.out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            StreamId stream = StreamId.of("crash/" + t);
            boolean grouped = t == 0;
            threads.add(new Thread(() -> write(store, stream, grouped)));
        }
        if (args.length > 1 && args[1].equals("compact")) {
            // compactions back to back beside the writers, so that kills land in every phase of one
            threads.add(new Thread(() -> {
                while (true) {
                    EncryptedFileStoreProvider.compact(store);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void write(Store store, StreamId stream, boolean grouped) {
        long head = store.journalHead(stream);
        while (true) {
            if (grouped) {
                List<WriteBatch> batches = List.of(batch(stream, head), batch(stream, head + 1), batch(stream, head + 2));
                List<WriteResult> results = store.applyAll(batches);
                for (int i = 0; i < results.size(); i++) {
                    ack(stream, head + 1 + i, results.get(i));
                }
                head += 3;
            } else {
                ack(stream, head + 1, store.apply(batch(stream, head)));
                head++;
            }
        }
    }

    static byte[] payload(StreamId stream, long seq) {
        return (stream + "#" + seq + "-" + "x".repeat((int) (seq % 97))).getBytes(StandardCharsets.UTF_8);
    }

    private static WriteBatch batch(StreamId stream, long head) {
        return WriteBatch.builder().append(stream, head, payload(stream, head + 1)).build();
    }

    private static void ack(StreamId stream, long seq, WriteResult result) {
        if (!result.isCommitted()) {
            throw new IllegalStateException("unexpected conflict " + result);
        }
        synchronized (System.out) {
            System.out.println("ACK " + stream + " " + seq);
            System.out.flush();
        }
    }
}
