package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guice is optional for {@code steadfast-core}: an application without it may use every class but
 * {@link SteadfastModule}. Each of core's classes is loaded and linked, with the types of its fields, constructors
 * and methods, by a class loader that sees only core, the SPI and the JDK; a class that names a Guice type where
 * linking needs it fails here instead of in a user's application.
 */
class CoreWithoutGuiceTest {
    @Test
    void everyClassButSteadfastModuleLinksWithOnlyTheSpiAndTheJdk() throws Exception {
        Path core = location(Steadfast.class);
        Path spi = location(StoreProvider.class);
        List<String> checked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {core.toUri().toURL(), spi.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
             Stream<Path> files = Files.walk(core)) {
            assertThrowsClassNotFound(isolated, "com.google.inject.Module");
            assertThrows(LinkageError.class, () -> Class.forName(SteadfastModule.class.getName(), false, isolated)
                    .getDeclaredMethods(), "the check must catch a class that does need Guice");
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = core.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (name.startsWith(SteadfastModule.class.getName()) || name.equals("module-info")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(name, false, isolated);
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                    type.getDeclaredMethods();
                    checked.add(name);
                } catch (LinkageError e) {
                    failed.add(name + ": " + e);
                }
            }
        }
        assertEquals(List.of(), failed, "core classes that need Guice on the class path");
        assertTrue(checked.contains(Steadfast.class.getName()) && checked.size() > 100,
                "only " + checked.size() + " classes checked");
    }

    private static void assertThrowsClassNotFound(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            throw new AssertionError("the isolated class loader sees Guice, so this test would prove nothing");
        } catch (ClassNotFoundException expected) {
            // as it must be
        }
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
