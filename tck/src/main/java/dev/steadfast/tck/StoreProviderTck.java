package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for a {@link StoreProvider}: its scheme, its {@code META-INF/services} registration, its
 * constructor, and the rejection of unknown and malformed URI options with {@link StoreConfigurationException}.
 *
 * <p>A backend joins beside its {@link StoreTck}:
 *
 * <pre>{@code
 * class SqliteStoreProviderTckTest extends StoreProviderTck {
 *     @Override protected StoreProvider provider() { return new SqliteStoreProvider(); }
 *     @Override protected String uri(Path dir) { return "sqlite:" + dir.resolve("tck.db"); }
 *     @Override protected Map<String, String> malformedOptions() {
 *         return Map.of("synchronous", "sometimes", "busyTimeoutMs", "soon");
 *     }
 * }
 * }</pre>
 */
public abstract class StoreProviderTck {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]*");
    static final String UNKNOWN_OPTION = "tckUnknownOption";

    @TempDir
    Path dir;

    /** For subclasses. */
    protected StoreProviderTck() {
    }

    /**
     * The provider under test, made the way {@link java.util.ServiceLoader} makes it.
     *
     * @return a new instance
     */
    protected abstract StoreProvider provider();

    /**
     * A URI this provider opens, for a fresh store kept in {@code dir} (a fresh directory per test); it may
     * carry options.
     *
     * @param dir a fresh, empty directory for this test
     * @return the URI, with this provider's scheme
     */
    protected abstract String uri(Path dir);

    /**
     * Options the provider knows, each with a value it must reject (a word where a number belongs, a number out of
     * range, an unknown mode). Empty by default, for a provider that takes no options; that test is then skipped.
     *
     * @return option names mapped to a value the provider must refuse
     */
    protected Map<String, String> malformedOptions() {
        return Map.of();
    }

    /** {@code uri} with option {@code name} set to {@code value}, replacing a value it already had. */
    static String withOption(String uri, String name, String value) {
        int q = uri.indexOf('?');
        StringBuilder out = new StringBuilder(q < 0 ? uri : uri.substring(0, q));
        char sep = '?';
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (!pair.isEmpty() && !pair.equals(name) && !pair.startsWith(name + "=")) {
                    out.append(sep).append(pair);
                    sep = '&';
                }
            }
        }
        return out.append(sep).append(name).append('=').append(value).toString();
    }

    private Store open(String uri) {
        return provider().open(StoreSpec.parse(uri));
    }

    @Test
    @DisplayName("the scheme is a lower-case URI scheme, the one its URIs start with and its stores declare")
    void schemeMatchesUriAndDescriptor() {
        String scheme = provider().scheme();
        assertTrue(SCHEME.matcher(scheme).matches(), "scheme '" + scheme + "' is not a lower-case URI scheme");
        assertEquals(scheme, StoreSpec.parse(uri(dir)).scheme(), "the scheme of uri(dir)");
        try (Store store = open(uri(dir))) {
            assertEquals(scheme, store.descriptor().scheme(), "the scheme the opened store declares");
        }
    }

    @Test
    @DisplayName("the provider is listed once in META-INF/services and built by a public no-argument constructor")
    void registeredForServiceLoader() throws Exception {
        Class<? extends StoreProvider> type = provider().getClass();
        List<StoreProvider> registered = ServiceLoader.load(StoreProvider.class, type.getClassLoader()).stream()
                .filter(p -> p.type() == type).map(ServiceLoader.Provider::get).toList();
        assertEquals(1, registered.size(), type.getName() + " should be listed once in "
                + "META-INF/services/" + StoreProvider.class.getName() + ", found " + registered.size());
        assertEquals(provider().scheme(), registered.get(0).scheme());
        assertTrue(Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(type.getConstructor().getModifiers()),
                type.getName() + " needs to be public with a public no-argument constructor");
        assertTrue(!registered.get(0).description().isBlank(), "the description should not be blank");
    }

    @Test
    @DisplayName("a store it opens takes writes and closes")
    void opensAWorkingStore() {
        try (Store store = open(uri(dir))) {
            StreamId s = StreamId.of("provider/s");
            assertEquals(WriteResult.committed(),
                    store.apply(WriteBatch.builder().append(s, 0, new byte[] {1}).build()));
            assertEquals(1, store.journalHead(s));
        }
    }

    @Test
    @DisplayName("an unknown option is rejected with StoreConfigurationException naming it")
    void unknownOptionRejected() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> open(withOption(uri(dir), UNKNOWN_OPTION, "1")).close());
        assertTrue(e.getMessage().contains(UNKNOWN_OPTION), "the message should name the option: " + e.getMessage());
    }

    @Test
    @DisplayName("each known option with a malformed value is rejected with StoreConfigurationException naming it")
    void malformedOptionsRejected() {
        Map<String, String> malformed = malformedOptions();
        assumeFalse(malformed.isEmpty(), "the backend lists no malformed option values (it takes no options)");
        malformed.forEach((name, value) -> {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> open(withOption(uri(dir), name, value)).close(), name + "=" + value);
            assertTrue(e.getMessage().contains(name), "the message should name option '" + name + "': "
                    + e.getMessage());
        });
    }

    @Test
    @DisplayName("a URI of another scheme is rejected with StoreConfigurationException")
    void otherSchemeRejected() {
        StoreSpec spec = StoreSpec.parse(uri(dir));
        StoreSpec other = new StoreSpec("tck-other", spec.location(), spec.options());
        assertThrows(StoreConfigurationException.class, () -> provider().open(other).close());
    }
}
