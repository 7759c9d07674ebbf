package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM holding one store handle and writing on command, one result line per command line:
 * <ul>
 *   <li>{@code append <stream> <expectedHead> <payload>} appends one entry;</li>
 *   <li>{@code take <fence> <owner> <expectedEpoch> <newEpoch>} sets the fence;</li>
 *   <li>{@code guarded <fence> <epoch> <stream> <expectedHead> <payload>} appends under a fence guard.</li>
 * </ul>
 * It answers {@code ok}, {@code conflict <ConflictType> <message>} or {@code error <exception>}; it prints
 * {@code ready} once the store is open.
 */
public final class StoreCommandChild {
    private StoreCommandChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = new PostgresStoreProvider().open(StoreSpec.parse(args[0]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.split(" ");
                try {
                    System.out.println(describe(store.apply(batch(w))));
                } catch (RuntimeException e) {
                    System.out.println("error " + e);
                }
            }
        }
    }

    private static WriteBatch batch(String[] w) {
        return switch (w[0]) {
            case "append" -> WriteBatch.builder()
                    .append(StreamId.of(w[1]), Long.parseLong(w[2]), w[3].getBytes(StandardCharsets.UTF_8)).build();
            case "take" -> WriteBatch.builder()
                    .setFence(new Fence(w[1], w[2], Long.parseLong(w[4]), "", Long.MAX_VALUE), Long.parseLong(w[3]))
                    .build();
            case "guarded" -> WriteBatch.builder().guardFence(w[1], Long.parseLong(w[2]))
                    .append(StreamId.of(w[3]), Long.parseLong(w[4]), w[5].getBytes(StandardCharsets.UTF_8)).build();
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    static String describe(WriteResult result) {
        if (result instanceof Conflict c) {
            return "conflict " + c.getClass().getSimpleName() + " " + c.message();
        }
        return "ok";
    }
}
