package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SteadfastDiscoveryTest {
    @TempDir
    Path dir;

    private static String messageOf(Runnable open) {
        return assertThrows(StoreConfigurationException.class, open::run).getMessage();
    }

    @Test
    void aProviderListedInMetaInfServicesIsFoundByItsScheme() {
        try (Steadfast steadfast = Steadfast.open("test-fixture:orders")) {
            assertEquals("test-fixture", steadfast.descriptor().scheme());
            assertEquals("orders", steadfast.descriptor().location());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "'sqlite:./data/app.db', dev.steadfast:steadfast-backend-sqlite",
            "'h2:./data/app', dev.steadfast:steadfast-backend-sqlite (with com.h2database:h2)",
            "'encrypted-file:./vault?keyset=k.json', dev.steadfast:steadfast-backend-encrypted-file",
            "'postgresql://db:5432/app', dev.steadfast:steadfast-backend-postgresql"})
    void anUnknownFirstPartySchemeNamesTheArtifactToAddAndListsWhatWasFound(String uri, String artifact) {
        String scheme = uri.substring(0, uri.indexOf(':'));
        String message = messageOf(() -> Steadfast.builder().classLoader(onlyCoreTestProviders()).open(uri));

        assertTrue(message.startsWith("no store provider serves scheme '" + scheme + "' (store " + uri + ")"
                + "; add the dependency " + artifact + " to the class path. Schemes found on the class path: "),
                message);
        assertTrue(message.contains("'test-fixture' (dev.steadfast.FixtureStoreProvider - core test fixture store)"),
                message);
    }

    /**
     * A loader that sees only the providers listed by core's own test resources: the backends that core's domain
     * tests put on the class path must not hide the "add the dependency" message.
     */
    private static ClassLoader onlyCoreTestProviders() {
        ClassLoader parent = SteadfastDiscoveryTest.class.getClassLoader();
        return new ClassLoader(parent) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
                java.util.List<java.net.URL> kept = new java.util.ArrayList<>();
                for (java.net.URL url : java.util.Collections.list(parent.getResources(name))) {
                    if (!name.startsWith("META-INF/services/") || url.getPath().contains("/core/target/test-classes/")) {
                        kept.add(url);
                    }
                }
                return java.util.Collections.enumeration(kept);
            }
        };
    }

    @Test
    void aClassPathWithoutAnyProviderSaysSoAndNamesTheArtifactForMemory() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new java.net.URL[0], null)) {
            String message = messageOf(() -> Steadfast.builder().classLoader(empty).open("memory:"));

            assertEquals("no store provider serves scheme 'memory' (store memory:); add the dependency "
                    + "dev.steadfast:steadfast-backend-inmemory to the class path. "
                    + "No store providers were found on the class path", message);
        }
    }

    @Test
    void anUnknownThirdPartySchemeListsWhatWasFoundWithoutGuessingAnArtifact() {
        String message = messageOf(() -> Steadfast.open("redis://cache:6379?password=hunter2"));

        assertTrue(message.startsWith("no store provider serves scheme 'redis'"), message);
        assertFalse(message.contains("add the dependency"), message);
        assertFalse(message.contains("hunter2"), "the password must not leak: " + message);
        assertTrue(message.contains("test-fixture"), message);
    }

    @Test
    void twoProvidersForOneSchemeAreAnErrorNamingBothClasses() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, DuplicateFixtureStoreProvider.class.getName())) {
            String message = messageOf(() -> Steadfast.builder().classLoader(loader).open("test-fixture:"));

            assertTrue(message.startsWith("2 store providers serve scheme 'test-fixture': "), message);
            assertTrue(message.contains(FixtureStoreProvider.class.getName()), message);
            assertTrue(message.contains(DuplicateFixtureStoreProvider.class.getName()), message);
            assertTrue(message.endsWith("keep exactly one of them on the class path"), message);
        }
    }

    @Test
    void providersThatFailToLoadAreReportedWhenTheSchemeIsNotFound() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir,
                "dev.steadfast.NoSuchStoreProvider", ThrowingStoreProvider.class.getName())) {
            String message = messageOf(() -> Steadfast.builder().classLoader(loader).open("broken:"));

            assertTrue(message.contains("Store providers that failed to load: "), message);
            assertTrue(message.contains("Provider dev.steadfast.NoSuchStoreProvider not found"), message);
            assertTrue(message.contains("Provider dev.steadfast.ThrowingStoreProvider could not be instantiated"),
                    message);
            assertTrue(message.contains("native driver missing"), message);
        }
    }

    @Test
    void theWantedSchemeStillOpensWhenAnotherProviderFailsToLoad() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, "dev.steadfast.NoSuchStoreProvider");
             Steadfast steadfast = Steadfast.builder().classLoader(loader).open("test-fixture:")) {
            assertEquals("test-fixture", steadfast.descriptor().scheme());
        }
    }

    @Test
    void aProviderGivenInCodeServesItsSchemeWithoutTheClassPath() {
        StoreProvider custom = new StoreProvider() {
            @Override
            public String scheme() {
                return "custom";
            }

            @Override
            public Store open(StoreSpec spec) {
                return new FixtureStore("custom-" + spec.location());
            }
        };
        try (Steadfast steadfast = Steadfast.builder().provider(custom).open("custom:x")) {
            assertEquals("custom-x", steadfast.descriptor().location());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Steadfast.builder().provider(custom).provider(provider("custom", spec -> null)));
    }

    @Test
    void aProviderRejectingItsLocationIsAConfigurationErrorAndOtherFailuresAreStoreFaults() {
        StoreProvider picky = provider("picky", spec -> {
            throw new IllegalArgumentException("location must be absolute");
        });
        StoreProvider buggy = provider("buggy", spec -> {
            throw new IllegalStateException("oops");
        });

        assertTrue(messageOf(() -> Steadfast.builder().provider(picky).open("picky:rel"))
                .contains("location must be absolute"));
        StoreException fault = assertThrows(StoreException.class,
                () -> Steadfast.builder().provider(buggy).open("buggy:"));
        assertTrue(fault.getCause() instanceof IllegalStateException);
        assertTrue(messageOf(() -> Steadfast.builder().provider(provider("nothing", spec -> null)).open("nothing:"))
                .contains("returned no store"));
    }

    @Test
    void aUriWithoutASchemeIsAConfigurationError() {
        assertTrue(messageOf(() -> Steadfast.open("just-a-path")).contains("has no scheme"));
    }

    @Test
    void optionsTheBackendDoesNotKnowAreRejected() {
        assertTrue(messageOf(() -> Steadfast.open("test-fixture:x?colour=blue")).contains("unknown option 'colour'"));
    }

    private static StoreProvider provider(String scheme, java.util.function.Function<StoreSpec, Store> open) {
        return new StoreProvider() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public Store open(StoreSpec spec) {
                return open.apply(spec);
            }
        };
    }
}
