package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.FixtureStoreProvider;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {
    @TempDir
    Path dir;

    /** Keeps what is logged so that a warning can be asserted, instead of going to the platform logger. */
    static final class RecordingLogger implements System.Logger {
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (level == Level.WARNING) {
                warnings.add(msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, format, (Throwable) null);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            log(level, null, msgSupplier.get(), (Throwable) null);
        }
    }

    private URLClassLoader loaderListing(String... classNames) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(StoreProvider.class.getName()), String.join("\n", classNames));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aBrokenProviderIsLoggedNotSkippedSilentlyWhenTheWantedSchemeIsFound() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        try (URLClassLoader loader = loaderListing("dev.steadfast.NoSuchStoreProvider",
                "dev.steadfast.ThrowingStoreProvider")) {
            ProviderDiscovery discovery = ProviderDiscovery.scan(loader, logger);

            StoreProvider chosen = discovery.select(StoreSpec.parse("test-fixture:"));

            assertEquals(FixtureStoreProvider.class, chosen.getClass());
            assertEquals(2, discovery.failures().size());
            assertEquals(2, logger.warnings.size());
            assertTrue(logger.warnings.get(0).contains("NoSuchStoreProvider not found"), logger.warnings.get(0));
            assertTrue(logger.warnings.get(1).contains("native driver missing"), logger.warnings.get(1));
        }
    }

    @Test
    void aHealthyClassPathLogsNothing() {
        RecordingLogger logger = new RecordingLogger();
        ProviderDiscovery discovery = ProviderDiscovery.scan(getClass().getClassLoader(), logger);

        discovery.select(StoreSpec.parse("test-fixture:"));

        assertEquals(List.of(), discovery.failures());
        assertEquals(List.of(), logger.warnings);
    }

    @Test
    void aProviderListedTwiceByTheSameLoaderCountsOnce() throws Exception {
        try (URLClassLoader loader = loaderListing(FixtureStoreProvider.class.getName())) {
            ProviderDiscovery discovery = ProviderDiscovery.scan(loader, new RecordingLogger());

            assertEquals(FixtureStoreProvider.class, discovery.select(StoreSpec.parse("test-fixture:")).getClass());
        }
    }

    /** Stores, with {@code knownScheme} standing in for the table of this project's providers. */
    private static SchemeDiscovery.Kind<StoreProvider> stores(Map<String, String> knownScheme) {
        return new SchemeDiscovery.Kind<>(StoreProvider.class, "store", StoreProvider::scheme,
                StoreProvider::description, StoreConfigurationException::new,
                name -> Optional.ofNullable(knownScheme.get(name)));
    }

    @Test
    void findDoesNotConstructAProviderKnownToServeAnotherScheme() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        try (URLClassLoader loader = loaderListing("dev.steadfast.ThrowingStoreProvider")) {
            // Its constructor throws: constructed, it would be reported as a provider that failed to load.
            StoreProvider chosen = SchemeDiscovery.find(stores(Map.of("dev.steadfast.ThrowingStoreProvider",
                    "broken")), loader, logger, "test-fixture", "test-fixture:");

            assertEquals(FixtureStoreProvider.class, chosen.getClass());
            assertEquals(List.of(), logger.warnings);

            SchemeDiscovery.find(stores(Map.of()), loader, logger, "test-fixture", "test-fixture:");
            assertEquals(1, logger.warnings.size(), "an unknown provider is constructed: " + logger.warnings);
        }
    }

    @Test
    void findStillNamesEverySchemeFoundWhenNoneServesTheWantedOne() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class, () -> SchemeDiscovery.find(
                stores(Map.of(FixtureStoreProvider.class.getName(), "test-fixture")), getClass().getClassLoader(),
                new RecordingLogger(), "nope", "nope:"));

        assertTrue(e.getMessage().contains("'test-fixture' (" + FixtureStoreProvider.class.getName()),
                e.getMessage());
    }

    @Test
    void findRefusesTwoProvidersOfTheWantedScheme() throws Exception {
        try (URLClassLoader loader = loaderListing(FixtureStoreProvider.class.getName(),
                "dev.steadfast.internal.ProviderDiscoveryTest$SecondFixtureProvider")) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> ProviderDiscovery.find(loader, new RecordingLogger(), StoreSpec.parse("test-fixture:")));

            assertTrue(e.getMessage().contains("2 store providers serve scheme 'test-fixture'"), e.getMessage());
        }
    }

    /** A second provider of the fixture's scheme, as a stray jar would bring. */
    public static final class SecondFixtureProvider implements StoreProvider {
        /** For the service loader. */
        public SecondFixtureProvider() {
        }

        @Override
        public String scheme() {
            return "test-fixture";
        }

        @Override
        public dev.steadfast.spi.Store open(StoreSpec spec) {
            throw new AssertionError("never opened");
        }
    }
}
