package dev.steadfast;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a class loader that sees core's test class path plus one more
 * {@code META-INF/services/dev.steadfast.spi.StoreProvider} file, to simulate what a user's class path holds.
 */
final class ServiceFiles {
    private ServiceFiles() {
    }

    static URLClassLoader loaderListing(Path dir, String... providerClassNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.steadfast.spi.StoreProvider"),
                String.join("\n", providerClassNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ServiceFiles.class.getClassLoader());
    }
}
