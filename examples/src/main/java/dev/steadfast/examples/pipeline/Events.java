package dev.steadfast.examples.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The example's input: one event per line, {@code id,user,eventTimeMs,amount}. Event times mostly rise but arrive
 * up to {@value #MAX_DISORDER_MS} ms out of order, as events from many devices do.
 */
public final class Events {
    /** How far an event's time may lag behind the latest one seen before it. */
    public static final long MAX_DISORDER_MS = 1_500;
    /** The event time of the first event. */
    static final long START_MS = 1_700_000_000_000L;

    private Events() {
    }

    /** Writes {@code count} events generated from {@code seed}: the same arguments give the same bytes. */
    public static void generate(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        long clock = START_MS;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 0; id < count; id++) {
                clock += random.nextInt(40);
                long eventTime = clock - random.nextInt((int) MAX_DISORDER_MS);
                out.write(id + ",user-" + random.nextInt(20) + "," + eventTime + "," + (1 + random.nextInt(500)));
                out.write('\n');
            }
        }
    }

    /** The event time field of a line. */
    static long eventTime(String line) {
        int first = line.indexOf(',');
        int second = line.indexOf(',', first + 1);
        int third = line.indexOf(',', second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException("event line needs 4 comma-separated fields: '" + line + "'");
        }
        return Long.parseLong(line, second + 1, third, 10);
    }
}
