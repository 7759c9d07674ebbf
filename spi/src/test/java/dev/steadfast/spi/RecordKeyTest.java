package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    @Test
    void comparesBytesUnsigned() {
        List<RecordKey> keys = new ArrayList<>(List.of(
                RecordKey.of(new byte[] {(byte) 0xff}), RecordKey.of(new byte[] {(byte) 0x80}),
                RecordKey.of(new byte[] {0x7f}), RecordKey.of(new byte[] {0x00}),
                RecordKey.of(new byte[] {0x00, 0x00})));
        keys.sort(null);
        assertEquals(List.of(RecordKey.of(new byte[] {0x00}), RecordKey.of(new byte[] {0x00, 0x00}),
                RecordKey.of(new byte[] {0x7f}), RecordKey.of(new byte[] {(byte) 0x80}),
                RecordKey.of(new byte[] {(byte) 0xff})), keys);
    }

    @Test
    void longKeysSortNumericallyForNonNegativeValues() {
        assertTrue(RecordKey.ofLong(255).compareTo(RecordKey.ofLong(256)) < 0);
        assertTrue(RecordKey.ofLong(0).compareTo(RecordKey.ofLong(Long.MAX_VALUE)) < 0);
    }

    @Test
    void isImmutableAndComparedByValue() {
        byte[] raw = {1, 2, 3};
        RecordKey key = RecordKey.of(raw);
        raw[0] = 9;
        key.bytes()[1] = 9;
        assertEquals(RecordKey.of(new byte[] {1, 2, 3}), key);
        assertEquals(RecordKey.of(new byte[] {1, 2, 3}).hashCode(), key.hashCode());
        assertNotEquals(RecordKey.of("a"), RecordKey.of("b"));
    }

    @Test
    void rejectsEmptyAndOversizedKeys() {
        assertThrows(IllegalArgumentException.class, () -> RecordKey.of(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RecordKey.of(new byte[RecordKey.MAX_BYTES + 1]));
        assertThrows(NullPointerException.class, () -> RecordKey.of((byte[]) null));
        assertEquals(RecordKey.MAX_BYTES, RecordKey.of(new byte[RecordKey.MAX_BYTES]).length());
    }

    @Test
    void printsAsciiAsTextAndOtherBytesAsHex() {
        assertEquals("order-7", RecordKey.of("order-7").toString());
        assertEquals("0x00ff", RecordKey.of(new byte[] {0, (byte) 0xff}).toString());
    }

    @Test
    void keyRangeContainsItsLowerBoundButNotItsUpperBound() {
        KeyRange range = KeyRange.between(RecordKey.of("b"), RecordKey.of("d"));
        assertTrue(range.contains(RecordKey.of("b")));
        assertTrue(range.contains(RecordKey.of("c")));
        assertTrue(!range.contains(RecordKey.of("d")));
        assertThrows(IllegalArgumentException.class,
                () -> KeyRange.between(RecordKey.of("d"), RecordKey.of("b")));
    }
}
