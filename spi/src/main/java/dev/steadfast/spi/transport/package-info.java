/**
 * The transport SPI: how Steadfast nodes reach each other to replicate a journal and hand the primary role over.
 *
 * <p>A {@link dev.steadfast.spi.transport.TransportProvider} serves one URI scheme ({@code inproc:},
 * {@code tcp://host:port}) and is found with {@link java.util.ServiceLoader}, like a store provider. The
 * {@link dev.steadfast.spi.transport.Transport} it opens lets a node listen with a
 * {@link dev.steadfast.spi.transport.MessageHandler} and connect to peers; every exchange is one request and one
 * reply, both {@link dev.steadfast.spi.transport.Message}s, after a {@link dev.steadfast.spi.transport.Handshake}
 * that states protocol version, cluster id, node id and term. The message set is closed and owned by the library;
 * a transport only moves it, the core gives it meaning.
 */
package dev.steadfast.spi.transport;
