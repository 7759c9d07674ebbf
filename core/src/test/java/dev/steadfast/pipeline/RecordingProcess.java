package dev.steadfast.pipeline;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for {@link TwoProcessIdempotencyTest}: for each number {@code i} read from stdin, records checkpoint
 * {@code i} of one stage under key {@code ki} and prints what it got back; the parent sends each number to both
 * processes at once, so they race on every key.
 */
public final class RecordingProcess {
    private RecordingProcess() {
    }

    /** Arguments: store URI. */
    public static void main(String[] args) throws Exception {
        try (Store store = Stores.open(args[0])) {
            CheckpointLog log = new Pipelines(store, Clock.system()).log("raced");
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int i = Integer.parseInt(line);
                CheckpointResult r = log.record("s", i, new Watermark(i, i), "k" + i);
                System.out.println("k" + i + " " + r.label() + " " + r.orElseThrow().label());
            }
        }
    }
}
