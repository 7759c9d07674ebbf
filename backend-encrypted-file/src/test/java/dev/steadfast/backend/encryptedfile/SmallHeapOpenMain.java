package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;

/**
 * Child process of {@link UntrustedSizeTest}: opens the store given as a URI under the parent's small heap, reads
 * every journal, and prints {@code OPENED}, or {@code REFUSED <exception class> <message>}.
 */
public final class SmallHeapOpenMain {
    private SmallHeapOpenMain() {
    }

    public static void main(String[] args) {
        try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(args[0]))) {
            for (StreamId s : store.listStreams("")) {
                try (var entries = store.readJournal(s, 1)) {
                    entries.forEach(e -> { });
                }
            }
            System.out.println("OPENED");
        } catch (RuntimeException e) {
            System.out.println("REFUSED " + e.getClass().getName() + " " + e.getMessage());
        }
    }
}
