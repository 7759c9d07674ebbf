package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import org.junit.jupiter.api.Test;

class SteadfastModuleTest {

    @Test
    void bindsSteadfastItsStoreDescriptorAndClockAsSingletons() {
        Injector injector = Guice.createInjector(new SteadfastModule("memory:"));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            assertSame(steadfast, injector.getInstance(Steadfast.class));
            assertSame(steadfast.store(), injector.getInstance(Store.class));
            assertSame(injector.getInstance(Store.class), injector.getInstance(Store.class));
            assertEquals("memory", injector.getInstance(StoreDescriptor.class).scheme());
            assertSame(Clock.system(), injector.getInstance(Clock.class));

            Store store = injector.getInstance(Store.class);
            store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build());
            assertEquals(1, steadfast.groupCommitStats().batches());
        }
    }

    @Test
    void anOverridingManualClockReachesSteadfastToo() {
        ManualClock manual = new ManualClock(42);
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(Clock.class).toInstance(manual)));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            assertSame(manual, injector.getInstance(Clock.class));
            assertSame(manual, steadfast.clock());
        }
    }

    @Test
    void anOverridingStoreIsBoundAndTheDescriptorFollowsIt() {
        FixtureStore custom = new FixtureStore("custom");
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(Store.class).toInstance(custom)));

        assertSame(custom, injector.getInstance(Store.class));
        assertEquals("test-fixture", injector.getInstance(StoreDescriptor.class).scheme());
        WriteBatch batch = WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build();
        assertEquals(WriteResult.committed(), injector.getInstance(Store.class).apply(batch));
    }

    @Test
    void aModuleOfAnOpenSteadfastBindsThatInstanceAndItsClock() {
        ManualClock manual = new ManualClock();
        try (Steadfast open = Steadfast.builder().clock(manual).open("test-fixture:given")) {
            Injector injector = Guice.createInjector(new SteadfastModule(open));

            assertSame(open, injector.getInstance(Steadfast.class));
            assertSame(open.store(), injector.getInstance(Store.class));
            assertSame(manual, injector.getInstance(Clock.class));
            assertEquals("given", injector.getInstance(StoreDescriptor.class).location());
        }
    }

    @Test
    void anUnknownSchemeFailsWhenTheStoreIsFirstNeededWithTheDiscoveryError() {
        Injector injector = Guice.createInjector(new SteadfastModule("no-such-scheme:./never.db"));

        ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Store.class));
        assertInstanceOf(StoreConfigurationException.class, e.getCause());
    }
}
