package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static dev.steadfast.transport.tcp.TcpTransportTest.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bytes that are not frames: each closes its own connection; the node keeps serving everyone else. */
class BadInputTest {
    private final Transport transport = TcpTransportTest.open("tcp://127.0.0.1:0?maxFrameBytes=4096");
    private Endpoint server;

    @BeforeEach
    void listen() {
        server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> new Message.Ack(1, 42));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private Socket raw() throws IOException {
        TcpAddress at = TcpAddress.parse(server.address());
        Socket socket = new Socket(at.host(), at.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    /** Sends {@code bytes}, then waits for the node to close the connection (read returns -1). */
    private void sendAndExpectClosed(Socket socket, byte[] bytes, boolean endOurSide) throws IOException {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            if (endOurSide) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // a refusal may come first; what matters is that the node closes
            }
        }
        assertStillServing();
    }

    private void assertStillServing() {
        assertEquals(new Message.Ack(1, 42), transport.connect(server.address(), CLIENT, TIMEOUT)
                .request(new RoleCommand.Status(), TIMEOUT));
    }

    private static byte[] frame(int version, int type, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(body.length + 2);
        out.writeByte(version);
        out.writeByte(type);
        out.write(body);
        return bytes.toByteArray();
    }

    private static byte[] hello() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Wire(4096).writeHello(bytes, CLIENT);
        return bytes.toByteArray();
    }

    @Test
    void randomBytesCloseTheConnection() throws IOException {
        byte[] noise = new byte[512];
        new Random(17).nextBytes(noise);
        sendAndExpectClosed(raw(), noise, true);
    }

    @Test
    void anOversizedLengthClosesTheConnectionWithoutReadingIt() throws IOException {
        sendAndExpectClosed(raw(), new byte[] {0x7f, 0, 0, 0, 1, 1}, false);
    }

    @Test
    void aTruncatedFrameClosesTheConnection() throws IOException {
        byte[] whole = hello();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        sendAndExpectClosed(raw(), cut, true);
    }

    @Test
    void anUnknownVersionByteClosesTheConnection() throws IOException {
        byte[] wrong = hello();
        wrong[4] = 9;
        sendAndExpectClosed(raw(), wrong, false);
    }

    @Test
    void anUnknownMessageTypeAfterAValidHelloClosesTheConnection() throws IOException {
        Socket socket = raw();
        socket.getOutputStream().write(hello());
        new Wire(4096).readHello(socket.getInputStream());
        sendAndExpectClosed(socket, frame(1, 99, new byte[] {1, 2, 3}), false);
    }

    @Test
    void aFrameWithInvalidValuesClosesTheConnection() throws IOException {
        Socket socket = raw();
        socket.getOutputStream().write(hello());
        new Wire(4096).readHello(socket.getInputStream());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeLong(1);
        out.writeLong(0); // LSN 0 is not a frame
        out.writeInt(0);
        sendAndExpectClosed(socket, frame(1, 10, body.toByteArray()), false);
    }
}
