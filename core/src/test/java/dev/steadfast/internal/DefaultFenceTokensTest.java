package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.steadfast.SteadfastModule;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.Leases;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Defaulting to unkeyed fence tokens is said once, through System.Logger; choosing tokens is quiet. */
class DefaultFenceTokensTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        DefaultFenceTokens.resetWarning();
        Logger.getLogger(DefaultFenceTokens.LOGGER).addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(DefaultFenceTokens.LOGGER).removeHandler(handler);
    }

    @Test
    void defaultedConstructorsWarnOnceNamingWhereAndTheFix() {
        try (Store store = Stores.open("memory:")) {
            new Fences(store);
            new Leases(store, new ManualClock(0));
            new Sessions(store, new ManualClock(0));
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("new Fences(store)") && warnings.get(0).contains("FenceTokens.hmac"),
                warnings.get(0));
    }

    @Test
    void eachDefaultingEntryPointWarns() {
        Store store = Stores.open("memory:");
        List<Runnable> entries = List.of(() -> new Leases(store, new ManualClock(0)),
                () -> new Sessions(store, new ManualClock(0)),
                () -> Guice.createInjector(new SteadfastModule("memory:")).getInstance(Fences.class));
        for (Runnable entry : entries) {
            DefaultFenceTokens.resetWarning();
            warnings.clear();
            entry.run();
            assertEquals(1, warnings.size(), warnings.toString());
        }
        store.close();
    }

    @Test
    void chosenTokensAreQuiet() {
        try (Store store = Stores.open("memory:")) {
            new Fences(store, FenceTokens.hmac(new byte[32]));
            new Leases(store, new ManualClock(0), FenceTokens.unkeyed());
        }
        assertEquals(List.of(), warnings);
    }
}
