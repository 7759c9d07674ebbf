package dev.steadfast.tck;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates {@link ModelTests} sequences from a seed over a small universe of names, so that operations collide:
 * conditions mostly hold (tracked on a model of its own) and sometimes are one off, to make conflicts.
 */
final class ModelGenerator {
    static final List<StreamId> STREAMS = List.of(StreamId.of("m/a"), StreamId.of("m/b"));
    static final List<String> SNAPSHOTS = List.of("m/s1", "m/s2");
    static final List<String> NAMESPACES = List.of("m/n1", "m/n2");
    /** 0x7f and 0x80 differ in sign, so a signed key order shows. */
    static final List<RecordKey> KEYS = List.of(RecordKey.of("k"), RecordKey.of(new byte[] {0x7f}),
            RecordKey.of(new byte[] {(byte) 0x80}));
    static final List<String> FENCES = List.of("m/f1", "m/f2");

    private final SplittableRandom random;
    private final boolean durable;
    private final boolean shared;
    private final Store model = ReferenceStore.fresh();

    ModelGenerator(long seed, boolean durable, boolean shared) {
        this.random = new SplittableRandom(seed);
        this.durable = durable;
        this.shared = shared;
    }

    List<ModelStep> steps(int count) {
        List<ModelStep> steps = new ArrayList<>();
        while (steps.size() < count) {
            int kind = random.nextInt(100);
            if (kind < 10 && durable) {
                steps.add(new ModelStep.Reopen());
            } else if (kind < 25 && shared) {
                steps.add(new ModelStep.ReadSecondHandle());
            } else if (kind < 40) {
                List<WriteBatch> batches = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    batches.add(batch());
                }
                model.applyAll(batches);
                steps.add(new ModelStep.ApplyAll(batches));
            } else {
                WriteBatch batch = batch();
                model.apply(batch);
                steps.add(new ModelStep.Apply(batch));
            }
        }
        return steps;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** The right value four times in five, else one off (never below 0). */
    private long mostly(long right) {
        return random.nextInt(5) > 0 ? right : Math.max(0, right + (random.nextBoolean() ? 1 : -1));
    }

    private byte[] payload() {
        byte[] b = new byte[random.nextInt(4)];
        random.nextBytes(b);
        return b;
    }

    private WriteBatch batch() {
        Map<StreamId, Long> heads = new HashMap<>();
        Map<String, Long> epochs = new HashMap<>();
        STREAMS.forEach(s -> heads.put(s, model.journalHead(s)));
        FENCES.forEach(f -> epochs.put(f, model.readFence(f).map(Fence::epoch).orElse(0L)));
        WriteBatch.Builder b = WriteBatch.builder();
        for (int g = random.nextInt(4) - 1; g > 0; g--) {
            if (random.nextBoolean()) {
                String f = pick(FENCES);
                b.guardFence(f, mostly(epochs.get(f)));
            } else {
                StreamId s = pick(STREAMS);
                b.guardJournal(s, mostly(heads.get(s)));
            }
        }
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    StreamId s = pick(STREAMS);
                    long expected = mostly(heads.get(s));
                    List<byte[]> payloads = new ArrayList<>();
                    for (int p = 1 + random.nextInt(3); p > 0; p--) {
                        payloads.add(payload());
                    }
                    b.append(s, expected, payloads);
                    heads.put(s, expected + payloads.size());
                }
                case 1 -> {
                    StreamId s = pick(STREAMS);
                    b.truncate(s, 1 + random.nextInt((int) Math.min(heads.get(s), 1_000) + 2));
                }
                case 2 -> b.putSnapshot(pick(SNAPSHOTS), random.nextInt(10), payload());
                case 3 -> b.deleteSnapshot(pick(SNAPSHOTS));
                case 4 -> b.putRecord(pick(NAMESPACES), pick(KEYS), payload());
                case 5 -> b.removeRecord(pick(NAMESPACES), pick(KEYS));
                case 6 -> b.dropNamespace(pick(NAMESPACES));
                default -> {
                    String f = pick(FENCES);
                    long expected = mostly(epochs.get(f));
                    long epoch = Math.max(1, expected + random.nextInt(2));
                    b.setFence(new Fence(f, random.nextBoolean() ? "o1" : "o2", epoch, "t" + random.nextInt(3),
                            random.nextInt(3) * 1_000L), expected);
                    epochs.put(f, epoch);
                }
            }
        }
        return b.build();
    }
}
