package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child process of {@link LockSwapTest}: opens the store, appends once, prints {@code OPEN}; then on each
 * {@code write} line tries one more append to stream {@code a} and prints {@code COMMITTED} or {@code REFUSED ...};
 * on {@code exit} closes the store and prints {@code CLOSED}.
 */
public final class LockHolderMain {
    static final StreamId STREAM = StreamId.of("a");

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(args[0]));
        append(store);
        System.out.println("OPEN");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("write")) {
                try {
                    append(store);
                    System.out.println("COMMITTED");
                } catch (StoreException e) {
                    System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
                }
            } else if (line.equals("exit")) {
                try {
                    store.close();
                } catch (StoreException e) {
                    System.out.println("CLOSE-FAILED " + e.getMessage());
                }
                System.out.println("CLOSED");
                return;
            }
        }
    }

    private static void append(Store store) {
        long head = store.journalHead(STREAM);
        if (!store.apply(WriteBatch.builder().append(STREAM, head, ("a" + head).getBytes(StandardCharsets.UTF_8))
                .build()).isCommitted()) {
            throw new IllegalStateException("conflict at " + head);
        }
    }
}
