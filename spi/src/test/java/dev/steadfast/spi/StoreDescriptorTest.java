package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreDescriptorTest {
    private static final int MAX = StoreDescriptor.MIN_MAX_PAYLOAD_BYTES;

    @Test
    void descriptorsWithoutAWindowPromiseNoLossToAKilledProcessAndCopiesKeepTheWindow() {
        StoreDescriptor plain = new StoreDescriptor("h2", "here", false, false, false, MAX);
        assertEquals(0, plain.crashLossWindowMillis());
        StoreDescriptor delayed = plain.withCrashLossWindowMillis(500).withValidatesBeforeWriting(true);
        assertEquals(500, delayed.crashLossWindowMillis());
        assertTrue(delayed.validatesBeforeWriting());
    }

    @Test
    void negativeWindowIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreDescriptor("h2", "here", false, false, false, MAX).withCrashLossWindowMillis(-1));
        assertTrue(e.getMessage().contains("crashLossWindowMillis") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void durableStoreCannotDeclareALossWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreDescriptor("sqlite", "here", true, true, false, MAX).withCrashLossWindowMillis(10));
        assertTrue(e.getMessage().contains("durable") && e.getMessage().contains("10"), e.getMessage());
    }
}
