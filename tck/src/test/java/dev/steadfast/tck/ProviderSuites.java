package dev.steadfast.tck;

import dev.steadfast.spi.StoreProvider;
import java.nio.file.Path;
import java.util.Map;

/** The provider kit against the correct {@link SimpleStoreProvider} and its broken subclasses; run by {@link TckSelfTest}. */
final class ProviderSuites {
    private ProviderSuites() {
    }

    static class Correct extends StoreProviderTck {
        @Override
        protected StoreProvider provider() {
            return new SimpleStoreProvider();
        }

        @Override
        protected String uri(Path dir) {
            return "simple:" + dir + "?mode=lenient";
        }

        @Override
        protected Map<String, String> malformedOptions() {
            return Map.of("mode", "sometimes");
        }
    }

    static class IgnoresUnknownOptions extends Correct {
        @Override
        protected StoreProvider provider() {
            return new SimpleStoreProvider.IgnoresUnknownOptions();
        }
    }

    static class Unregistered extends Correct {
        @Override
        protected StoreProvider provider() {
            return new SimpleStoreProvider.Unregistered();
        }
    }
}
