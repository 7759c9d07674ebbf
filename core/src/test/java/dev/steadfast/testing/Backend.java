package dev.steadfast.testing;

import dev.steadfast.spi.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One backend the domain tests run against: a scheme and how to make a store URI in a fresh directory.
 *
 * @param scheme the URI scheme, also the test's display name
 * @param uri    the store URI for a fresh directory
 */
public record Backend(String scheme, Function<Path, String> uri) {

    /** Opens a store of this backend in {@code dir} (a fresh directory per test), creating the directory. */
    public Store open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Stores.open(uri.apply(dir));
    }

    /** Whether stores of this backend survive their process (and so can be reopened). */
    public boolean durable() {
        return !scheme.equals("memory");
    }

    @Override
    public String toString() {
        return scheme;
    }
}
