package dev.steadfast.examples.guice;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The application's configuration: which store, which node this is, and the fence-token secret every node shares.
 * Tests and production differ here only ({@code store=memory:} against {@code store=sqlite:./reports.db}).
 *
 * @param store       the store URI
 * @param node        this node's name, the owner of the leases it takes
 * @param tokenSecret the fence-token secret, at least 16 bytes
 */
public record ReportsConfig(String store, String node, byte[] tokenSecret) {
    /**
     * Reads {@code store}, {@code node} and {@code tokenSecret} from {@code properties}.
     *
     * @throws IllegalArgumentException naming a missing property
     */
    public static ReportsConfig from(Properties properties) {
        return new ReportsConfig(required(properties, "store"), required(properties, "node"),
                required(properties, "tokenSecret").getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("configuration property '" + name + "' is missing; expected for"
                    + " example store=sqlite:./reports.db, node=node-a, tokenSecret=<16+ characters>");
        }
        return value.strip();
    }
}
