package dev.steadfast.transport.tcp;

import dev.steadfast.replication.AckMode;
import dev.steadfast.replication.ReplicationNode;
import dev.steadfast.replication.WriteOutcome;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A replication node in its own JVM on a SQLite file, under {@code replicas(1)}, driven by lines on stdin and
 * answering on stdout, for the process tests. Arguments: {@code id members db transportUri}, members as
 * {@code id=host:port,...}. Prints {@code READY role term lsn}, then answers each command:
 * <ul>
 *   <li>{@code bootstrap}: becomes primary of term 1, prints {@code PRIMARY 1};</li>
 *   <li>{@code write}: starts writing orders ({@code <id> order <n>}) in the background, printing
 *       {@code ACK <order>} for each acknowledged one, until the node stops accepting writes:
 *       {@code WRITER STOPPED <role> <term>};</li>
 *   <li>{@code try-write}: one write, prints {@code WRITE <outcome type> <role> <term>};</li>
 *   <li>{@code stale}: sends every other member a frame of this node's term, as the primary of that term would,
 *       and prints {@code STALE <member> <refusal reason or reply>} for each;</li>
 *   <li>{@code stop} (or stdin closing): closes everything, prints {@code STOPPED}.</li>
 * </ul>
 */
public final class NodeProcess {
    static final StreamId ORDERS = StreamId.of("orders");
    static final String CLUSTER = "jvm-cluster";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        Map<String, String> members = new LinkedHashMap<>();
        for (String member : args[1].split(",")) {
            String[] kv = member.split("=", 2);
            members.put(kv[0], kv[1]);
        }
        StoreProvider sqlite = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("sqlite")).findFirst().orElseThrow();
        Store store = sqlite.open(StoreSpec.parse("sqlite:" + args[2]));
        Transport transport = new TcpTransportProvider().open(TransportSpec.parse(args[3]));
        ReplicationNode node = ReplicationNode.builder().cluster(CLUSTER).node(id, members.get(id)).members(members)
                .ackMode(AckMode.replicas(1)).timeout(TIMEOUT).start(store, transport);
        System.out.println("READY " + node.role() + " " + node.term() + " " + node.durableLsn());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            switch (line) {
                case "bootstrap" -> {
                    node.bootstrapPrimary();
                    System.out.println("PRIMARY " + node.term());
                }
                case "write" -> {
                    Thread writer = new Thread(() -> writeUntilRefused(node), "writer");
                    writer.setDaemon(true);
                    writer.start();
                }
                case "try-write" -> {
                    WriteOutcome outcome = write(node, id + " late order");
                    System.out.println("WRITE " + outcome.getClass().getSimpleName() + " " + node.role() + " "
                            + node.term());
                }
                case "stale" -> members.forEach((member, address) -> {
                    if (!member.equals(id)) {
                        System.out.println("STALE " + member + " " + shipStale(transport, node, address));
                    }
                });
                default -> System.out.println("UNKNOWN " + line);
            }
        }
        node.close();
        transport.close();
        store.close();
        System.out.println("STOPPED");
    }

    private static WriteOutcome write(ReplicationNode node, String order) {
        long head = node.store().journalHead(ORDERS);
        return node.write(WriteBatch.builder().append(ORDERS, head, order.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static void writeUntilRefused(ReplicationNode node) {
        for (long i = 1; ; i++) {
            String order = node.id() + " order " + i;
            WriteOutcome outcome = write(node, order);
            if (outcome.acknowledged()) {
                System.out.println("ACK " + order);
            } else if (!(outcome instanceof WriteOutcome.Unconfirmed)) {
                // frozen, demoted or rejected: the application would now look for the new primary
                System.out.println("WRITER STOPPED " + node.role() + " " + node.term());
                return;
            }
        }
    }

    private static String shipStale(Transport transport, ReplicationNode node, String address) {
        Handshake self = Handshake.of(CLUSTER, node.id(), node.term());
        try (Connection connection = transport.connect(address, self, TIMEOUT)) {
            Message reply = connection.request(new Message.Frame(node.term(), node.durableLsn() + 1, new byte[8]),
                    TIMEOUT);
            return reply instanceof Message.Refusal refusal ? refusal.reason().toString() : reply.toString();
        } catch (TransportException e) {
            return "UNREACHABLE " + e.getMessage();
        }
    }
}
