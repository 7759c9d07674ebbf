package dev.steadfast.backend.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryStoreProviderTest {
    private final InMemoryStoreProvider provider = new InMemoryStoreProvider();
    private final StreamId s = StreamId.of("s");

    private static String uniqueName() {
        return "test-" + UUID.randomUUID();
    }

    private Store open(String uri) {
        return provider.open(StoreSpec.parse(uri));
    }

    private static WriteBatch appendAt(StreamId stream, long head) {
        return WriteBatch.builder().append(stream, head, new byte[] {1}).build();
    }

    @Test
    void isFoundByServiceLoaderUnderSchemeMemory() {
        StoreProvider found = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("memory")).findFirst().orElseThrow();
        assertInstanceOf(InMemoryStoreProvider.class, found);
    }

    @Test
    void describesAVolatileUnsharedUnencryptedStoreOf16MiB() {
        try (Store store = open("memory:")) {
            StoreDescriptor d = store.descriptor();
            assertEquals("memory", d.scheme());
            assertFalse(d.durable());
            assertFalse(d.sharedAcrossProcesses());
            assertFalse(d.encrypted());
            assertEquals(16 << 20, d.maxPayloadBytes());
        }
    }

    @Test
    void eachAnonymousOpenIsAFreshPrivateStore() {
        try (Store a = open("memory:"); Store b = open("memory:")) {
            assertEquals(WriteResult.committed(), a.apply(appendAt(s, 0)));
            assertEquals(0, b.journalHead(s));
            assertNotEquals(a.descriptor().location(), b.descriptor().location());
        }
    }

    @Test
    void handlesOnOneNameShareWritesAndGuards() {
        String name = uniqueName();
        try (Store a = open("memory:" + name); Store b = open("memory:" + name)) {
            assertEquals(WriteResult.committed(), a.apply(appendAt(s, 0)));
            assertEquals(1, b.journalHead(s));
            assertEquals(WriteResult.committed(), a.apply(
                    WriteBatch.builder().setFence(new Fence("f", "a", 1, "", 0), 0).build()));
            assertEquals(WriteResult.committed(), b.apply(
                    WriteBatch.builder().setFence(new Fence("f", "b", 2, "", 0), 1).build()));
            assertEquals(new FencedOut("f", 1, 2, "b"),
                    a.apply(WriteBatch.builder().guardFence("f", 1).append(s, 1, new byte[] {2}).build()));
            assertEquals("memory:" + name, a.descriptor().location());
        }
    }

    @Test
    void differentNamesAreDifferentStores() {
        try (Store a = open("memory:" + uniqueName()); Store b = open("memory:" + uniqueName())) {
            a.apply(appendAt(s, 0));
            assertEquals(0, b.journalHead(s));
        }
    }

    @Test
    void aNamedStoreLivesWhileAnyHandleIsOpen() {
        String name = uniqueName();
        Store first = open("memory:" + name);
        first.apply(appendAt(s, 0));
        Store second = open("memory:" + name);
        first.close();
        first.close();
        assertEquals(1, NamedStates.handles(name), "closing a handle twice must release it once");
        assertEquals(1, second.journalHead(s));
        try (Store third = open("memory:" + name)) {
            second.close();
            assertEquals(1, third.journalHead(s));
        }
    }

    @Test
    void closingTheLastHandleDropsTheData() {
        String name = uniqueName();
        try (Store store = open("memory:" + name)) {
            store.apply(appendAt(s, 0));
            assertEquals(1, NamedStates.handles(name));
        }
        assertEquals(0, NamedStates.handles(name));
        try (Store again = open("memory:" + name)) {
            assertEquals(0, again.journalHead(s));
        }
    }

    @Test
    void aClosedHandleFailsWhileTheOthersOnItsNameWork() {
        String name = uniqueName();
        Store a = open("memory:" + name);
        try (Store b = open("memory:" + name)) {
            a.close();
            assertThrows(StoreClosedException.class, () -> a.journalHead(s));
            assertEquals(WriteResult.committed(), b.apply(appendAt(s, 0)));
        }
    }

    @Test
    void rejectsOptionsOtherSchemesAndInvalidNames() {
        assertThrows(StoreConfigurationException.class, () -> open("memory:x?durable=true"));
        assertThrows(StoreConfigurationException.class, () -> open("sqlite:x.db"));
        assertThrows(StoreConfigurationException.class, () -> open("memory:" + "n".repeat(300)));
        assertThrows(NullPointerException.class, () -> provider.open(null));
        assertTrue(provider.description().contains("steadfast-backend-inmemory"));
    }
}
