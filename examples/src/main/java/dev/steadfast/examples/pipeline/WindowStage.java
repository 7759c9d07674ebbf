package dev.steadfast.examples.pipeline;

import dev.steadfast.pipeline.Emitter;
import dev.steadfast.pipeline.Item;
import dev.steadfast.pipeline.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals per region and tumbling event-time window. The watermark trails the latest event time by the allowed
 * lateness; a window is emitted once the watermark passes its end, and an event for a window already emitted is
 * counted as late. Open windows, the watermark and the late count are the stage's state, saved with each
 * checkpoint, so a resumed run closes the same windows with the same totals.
 */
final class WindowStage implements Stage {
    static final long WINDOW_MS = 1_000;
    static final long LATENESS_MS = 2_000;
    private static final int REGIONS = EventStages.REGIONS.size();

    /** key: window index * regions + region; value: {count, sum}. */
    private final TreeMap<Long, long[]> open = new TreeMap<>();
    private long watermark;
    private long late;

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public void accept(Item item, Emitter out) {
        ByteBuffer event = ByteBuffer.wrap(item.payload());
        long region = event.getLong();
        long amount = event.getLong();
        long window = item.eventTimeMs() / WINDOW_MS;
        if ((window + 1) * WINDOW_MS <= watermark) {
            late++;
        } else {
            long[] total = open.computeIfAbsent(window * REGIONS + region, k -> new long[2]);
            total[0]++;
            total[1] += amount;
        }
        watermark = Math.max(watermark, item.eventTimeMs() - LATENESS_MS);
        close(out, watermark);
    }

    @Override
    public void finish(Emitter out) {
        close(out, Long.MAX_VALUE);
        out.emit(Long.MAX_VALUE - 1, 0, ("late," + late).getBytes(StandardCharsets.UTF_8));
    }

    private void close(Emitter out, long upTo) {
        for (Iterator<Map.Entry<Long, long[]>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, long[]> e = it.next();
            long start = e.getKey() / REGIONS * WINDOW_MS;
            if (upTo != Long.MAX_VALUE && start + WINDOW_MS > upTo) {
                return; // keys sort by window first, so every later window is still open too
            }
            String line = start + "," + EventStages.REGIONS.get((int) (e.getKey() % REGIONS)) + ","
                    + e.getValue()[0] + "," + e.getValue()[1];
            out.emit(e.getKey(), start, line.getBytes(StandardCharsets.UTF_8));
            it.remove();
        }
    }

    @Override
    public byte[] state() {
        ByteBuffer b = ByteBuffer.allocate(20 + open.size() * 24).putLong(watermark).putLong(late).putInt(open.size());
        open.forEach((k, v) -> b.putLong(k).putLong(v[0]).putLong(v[1]));
        return b.array();
    }

    @Override
    public void restore(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        watermark = b.getLong();
        late = b.getLong();
        open.clear();
        for (int i = b.getInt(); i > 0; i--) {
            open.put(b.getLong(), new long[] {b.getLong(), b.getLong()});
        }
    }
}
