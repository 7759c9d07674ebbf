package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The whole conformance kit against an encrypted-file store with a development keyset. */
class EncryptedFileStoreTckTest extends StoreTck {
    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    protected Store openStore(Path dir) {
        return new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + dir.resolve("vault")
                + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true"));
    }

    @Override
    protected double scale() {
        return 0.2;
    }

    /** The key material of the development keyset the store created: every {@code "value"} of its Tink JSON. */
    @Override
    protected Collection<String> secrets(Path dir) {
        List<String> keys = new ArrayList<>();
        try {
            Matcher m = KEY_VALUE.matcher(Files.readString(dir.resolve("k.json")));
            while (m.find()) {
                keys.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (keys.isEmpty()) {
            throw new AssertionError("no key material found in " + dir.resolve("k.json"));
        }
        return keys;
    }
}
