package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.StoreProvider;
import dev.steadfast.tck.StoreProviderTck;
import java.nio.file.Path;
import java.util.Map;

/** The {@code encrypted-file:} provider against the provider kit, with a development keyset. */
class EncryptedFileStoreProviderTckTest extends StoreProviderTck {
    @Override
    protected StoreProvider provider() {
        return new EncryptedFileStoreProvider();
    }

    @Override
    protected String uri(Path dir) {
        return "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true";
    }

    @Override
    protected Map<String, String> malformedOptions() {
        return Map.of("segmentBytes", "12", "createKeyset", "maybe");
    }
}
