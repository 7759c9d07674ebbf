package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WriteResultTest {
    @Test
    void aCommittedResultPrintsAsCommittedNotAsItsEnumConstant() {
        assertEquals("Committed", WriteResult.committed().toString());
        assertEquals("not written: Committed", "not written: " + WriteResult.committed());
    }
}
