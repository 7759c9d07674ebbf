package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writer threads that keep appending while a test breaks the server under them. Each batch appends one entry to
 * the thread's journal and puts a record naming the same sequence, so a half-applied batch shows up as an entry
 * without its record or the reverse. Every acknowledged sequence and every exception is remembered.
 */
final class WriteLoad implements AutoCloseable {
    private final Store store;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, List<Long>> acknowledged = new ConcurrentHashMap<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicLong commits = new AtomicLong();
    private volatile boolean stop;

    WriteLoad(Store store, int writers) {
        this.store = store;
        for (int i = 0; i < writers; i++) {
            int id = i;
            acknowledged.put(id, new CopyOnWriteArrayList<>());
            Thread t = new Thread(() -> write(id), "load-writer-" + id);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    static StreamId stream(int writer) {
        return StreamId.of("load-" + writer);
    }

    private void write(int id) {
        StreamId stream = stream(id);
        long head = -1;
        while (!stop) {
            try {
                if (head < 0) {
                    head = store.journalHead(stream);
                }
                byte[] payload = (id + ":" + (head + 1)).getBytes(StandardCharsets.UTF_8);
                WriteResult r = store.apply(WriteBatch.builder().append(stream, head, payload)
                        .putRecord("acks-" + id, RecordKey.ofLong(head + 1), payload).build());
                if (r.isCommitted()) {
                    head++;
                    acknowledged.get(id).add(head);
                    commits.incrementAndGet();
                } else {
                    head = -1;
                }
            } catch (RuntimeException | Error e) {
                failures.add(e); // an Error too, so a broken class path shows up as a violation, not a stall
                head = -1; // the outcome may be unknown: read the head again
            }
        }
    }

    /** Stops the writers and waits for them, at most 60 s. */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(60_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " hangs in a store call");
            }
        }
    }

    /** Problems found: a lost acknowledged batch, a gap, a half-applied batch, a raw driver exception. */
    List<String> violations() {
        List<String> problems = new ArrayList<>();
        for (Throwable f : failures) {
            if (!(f instanceof StoreException) || f.getMessage() == null || f.getMessage().contains("\n")) {
                problems.add("not a one-line StoreException: " + f);
            }
        }
        for (Map.Entry<Integer, List<Long>> e : acknowledged.entrySet()) {
            int id = e.getKey();
            StreamId stream = stream(id);
            long head = store.journalHead(stream);
            long expected = 1;
            try (Stream<Entry> entries = store.readJournal(stream, 1)) {
                for (Entry entry : (Iterable<Entry>) entries::iterator) {
                    if (entry.sequence() != expected++) {
                        problems.add(stream + " has a gap before " + entry.sequence());
                    }
                    Optional<byte[]> record = store.getRecord("acks-" + id, RecordKey.ofLong(entry.sequence()));
                    if (record.isEmpty()) {
                        problems.add(stream + " entry " + entry.sequence() + " has no record: half applied");
                    }
                }
            }
            if (expected - 1 != head) {
                problems.add(stream + " holds " + (expected - 1) + " entries but its head is " + head);
            }
            try (Stream<?> records = store.scanRecords("acks-" + id)) {
                long count = records.count();
                if (count != head) {
                    problems.add("acks-" + id + " holds " + count + " records for " + head + " entries: half applied");
                }
            }
            for (long seq : e.getValue()) {
                if (seq > head) {
                    problems.add(stream + " lost acknowledged sequence " + seq + " (head " + head + ")");
                }
            }
        }
        return problems;
    }
}
