package dev.steadfast.examples.pipeline;

import dev.steadfast.pipeline.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The first two stages: parse a line into a binary event, then add the user's region. Both stateless. */
final class EventStages {
    /** The regions users live in, by user number modulo their count. */
    static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south", "sa-east");

    private EventStages() {
    }

    /** {@code id,user-N,eventTimeMs,amount} to 8-byte user number and amount; keyed by the line's offset. */
    static Stage parse() {
        return Stage.of("parse", (item, out) -> {
            String[] f = new String(item.payload(), StandardCharsets.UTF_8).split(",");
            if (f.length != 4 || !f[1].startsWith("user-")) {
                throw new IllegalArgumentException("line at byte " + item.offset()
                        + " is not id,user-N,eventTimeMs,amount: '" + String.join(",", f) + "'");
            }
            long user = Long.parseLong(f[1].substring("user-".length()));
            out.emit(item.offset(), item.eventTimeMs(),
                    ByteBuffer.allocate(16).putLong(user).putLong(Long.parseLong(f[3])).array());
        });
    }

    /** Binary event to region index and amount. */
    static Stage enrich() {
        return Stage.of("enrich", (item, out) -> {
            ByteBuffer event = ByteBuffer.wrap(item.payload());
            long region = event.getLong() % REGIONS.size();
            out.emit(item.offset(), item.eventTimeMs(),
                    ByteBuffer.allocate(16).putLong(region).putLong(event.getLong()).array());
        });
    }
}
