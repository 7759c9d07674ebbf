package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreCrashTck;

import java.nio.file.Path;

/** The kit's kill -9 test against an encrypted-file store, with small segments so the child rolls over them. */
class EncryptedFileStoreCrashTckTest extends StoreCrashTck {
    @Override
    protected Store openStore(Path dir) {
        return new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + dir.resolve("vault")
                + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true&segmentBytes=16384"));
    }
}
