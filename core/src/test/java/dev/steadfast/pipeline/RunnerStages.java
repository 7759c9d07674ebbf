package dev.steadfast.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Small deterministic stages for the runner tests: numbers in, doubled, then a running sum (stateful). */
final class RunnerStages {
    private RunnerStages() {
    }

    /** Items 0..count-1 carrying their own number, event time 10 ms apart. */
    static Source numbers(int count) {
        return offset -> LongStream.range(offset, count).mapToObj(i -> new Item(i, i + 1, i * 10, bytes(i)));
    }

    static Stage doubling() {
        return Stage.of("double", (item, out) ->
                out.emit(item.offset(), item.eventTimeMs(), bytes(2 * value(item.payload()))));
    }

    /** Emits the running sum after each item; the sum is the stage's state, so a resume must restore it. */
    static Stage runningSum() {
        return new Stage() {
            private long sum;

            @Override
            public String name() {
                return "sum";
            }

            @Override
            public void accept(Item item, Emitter out) {
                sum += value(item.payload());
                out.emit(item.offset(), item.eventTimeMs(), bytes(sum));
            }

            @Override
            public void finish(Emitter out) {
                out.emit(Long.MAX_VALUE - 1, 0, bytes(-sum));
            }

            @Override
            public byte[] state() {
                return bytes(sum);
            }

            @Override
            public void restore(byte[] state) {
                sum = value(state);
            }
        };
    }

    static List<Long> values(PipelineRunner runner, String stage) {
        List<Long> values = new ArrayList<>();
        try (var items = runner.output(stage)) {
            items.forEach(i -> values.add(value(i.payload())));
        }
        return values;
    }

    static byte[] bytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    static long value(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }
}
