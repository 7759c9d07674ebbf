package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Before its hello a peer is unknown: what it may make a node read and hold is bounded by what a hello can be. */
class HelloSizeTest {
    @Test
    void aHelloLengthBeyondTheLargestHandshakeIsRefusedBeforeReadingItsBody() {
        int claimed = 8 << 20; // under the 16 MiB frame limit, far over any hello
        CountingZeros in = new CountingZeros(claimed);
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> new Wire(16 << 20).readHello(in));
        assertEquals(4, in.consumed, "bytes read past the length: " + e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(claimed)) && e.getMessage().contains("hello"),
                e.getMessage());
    }

    @Test
    void theLargestPossibleHelloStillFitsTheCap() throws IOException {
        String longest = "\u20ac".repeat(dev.steadfast.spi.Names.MAX_LENGTH); // 3 bytes each on the wire
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire wire = new Wire(16 << 20);
        wire.writeHello(bytes, dev.steadfast.spi.transport.Handshake.of(longest, longest, Long.MAX_VALUE));
        Wire.Hello hello = wire.readHello(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(longest, ((Wire.Greeting) hello).handshake().nodeId());
    }

    /** A 4-byte length, then zeros without end, counting what was read. */
    private static final class CountingZeros extends InputStream {
        private final byte[] header;
        long consumed;

        CountingZeros(int length) {
            header = new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        }

        @Override
        public int read() {
            return consumed < 4 ? header[(int) consumed++] & 0xff : zero();
        }

        private int zero() {
            consumed++;
            return 0;
        }
    }
}
