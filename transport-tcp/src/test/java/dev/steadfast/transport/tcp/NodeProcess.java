package dev.steadfast.transport.tcp;

import dev.steadfast.replication.AckMode;
import dev.steadfast.replication.ReplicationNode;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A replication node in its own JVM, for the kill -9 test: {@code id members db transportUri primary|replica}.
 * Prints {@code READY}; a primary then writes orders with {@code replicas(1)} forever, printing {@code ACK order N}
 * for each acknowledged one; a replica serves until stdin closes or says {@code stop}.
 */
public final class NodeProcess {
    static final StreamId ORDERS = StreamId.of("orders");

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> members = new LinkedHashMap<>();
        for (String member : args[1].split(",")) {
            String[] kv = member.split("=", 2);
            members.put(kv[0], kv[1]);
        }
        StoreProvider sqlite = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("sqlite")).findFirst().orElseThrow();
        Store store = sqlite.open(StoreSpec.parse("sqlite:" + args[2]));
        Transport transport = new TcpTransportProvider().open(TransportSpec.parse(args[3]));
        ReplicationNode node = ReplicationNode.builder().cluster("jvm-cluster").node(args[0], members.get(args[0]))
                .members(members).ackMode(AckMode.replicas(1)).start(store, transport);
        System.out.println("READY");
        if (args[4].equals("primary")) {
            node.bootstrapPrimary();
            for (long i = 1; ; i++) {
                byte[] order = ("order " + i).getBytes(StandardCharsets.UTF_8);
                if (node.write(WriteBatch.builder().append(ORDERS, i - 1, order).build()).acknowledged()) {
                    System.out.println("ACK order " + i);
                }
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            // serve until told to stop
        }
        node.close();
        transport.close();
        store.close();
        System.out.println("STOPPED");
    }
}
