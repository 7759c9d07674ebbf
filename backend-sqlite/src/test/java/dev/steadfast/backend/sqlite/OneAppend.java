package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

/**
 * Child process of {@link SqliteMonitorTest}: opens the {@code sqlite:} store at {@code args[0]}, tries one append
 * to stream {@code args[1]} at its head, prints {@code COMMITTED} or {@code REFUSED <why>}, and exits.
 */
public final class OneAppend {
    private OneAppend() {
    }

    public static void main(String[] args) {
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse(args[0]))) {
            StreamId stream = StreamId.of(args[1]);
            boolean committed = store.apply(WriteBatch.builder()
                    .append(stream, store.journalHead(stream), new byte[] {9}).build()).isCommitted();
            System.out.println(committed ? "COMMITTED" : "REFUSED conflict");
        } catch (StoreException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        }
        System.out.flush();
    }
}
