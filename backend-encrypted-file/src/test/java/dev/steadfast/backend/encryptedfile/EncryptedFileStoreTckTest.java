package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;

import java.nio.file.Path;

/** The whole conformance kit against an encrypted-file store with a development keyset. */
class EncryptedFileStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + dir.resolve("vault")
                + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true"));
    }

    @Override
    protected double scale() {
        return 0.2;
    }
}
