package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void rejectsNullEmptyTooLongAndControlCharacters() {
        assertThrows(NullPointerException.class, () -> Names.require("fence name", null));
        assertThrows(IllegalArgumentException.class, () -> Names.require("fence name", ""));
        assertThrows(IllegalArgumentException.class, () -> Names.require("fence name", "x".repeat(257)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Names.require("fence name", "a\nb"));
        assertTrue(e.getMessage().contains("fence name") && e.getMessage().contains("U+000A"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Names.require("stream id", "bad\uD800"));
    }

    @Test
    void acceptsPrintableUnicodeUpToTheLimit() {
        assertEquals("x".repeat(256), Names.require("n", "x".repeat(256)));
        assertEquals("session/\uD83D\uDE00/42", Names.require("n", "session/\uD83D\uDE00/42"));
        assertEquals("", Names.requirePrefix("prefix", ""));
    }

    @Test
    void codePointOrderIsUtf8ByteOrder() {
        List<String> names = new ArrayList<>(List.of("\uFFFD", "\uD83D\uDE00", "a", "ab", "B", "\u00e9"));
        names.sort(Names.CODE_POINT_ORDER);
        List<String> byBytes = new ArrayList<>(names);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        assertEquals(byBytes, names);
        assertEquals(List.of("B", "a", "ab", "\u00e9", "\uFFFD", "\uD83D\uDE00"), names);
    }
}
