package dev.steadfast.lifecycle;

import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.RetentionPolicy;
import dev.steadfast.session.SnapshotMark;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Applies {@link RetentionRule retention rules} to a store's journals as an explicit step, then gives the freed
 * space back ({@link Store#reclaimSpace()}). Each rule's policy governs the journals whose id starts with its prefix
 * (the longest matching prefix wins), so one run can keep each session type or stream family its own way.
 *
 * <p>A session's journal ({@code session/<id>}) is judged by its kept snapshots and never truncated past the oldest
 * of them, nor at all without one, so that recovery and its fallback keep working; another journal is judged by the
 * snapshot stored under its own name, if any. An age policy dates a session's journal by its checkpoints, and
 * another journal by its entries, through the rule's {@link EntryTime}; without one it is refused rather than
 * silently kept. Truncation removes a prefix only: heads and the sequences of kept
 * entries stay.
 *
 * <p>Every removal is a guarded batch of at most {@link #chunkEntries} entries ("this journal is still at the head
 * the plan saw"), each its own short transaction, so that a big purge never holds a database's locks for long.
 * When a writer moves a journal meanwhile, that journal is planned again from what it now holds; a journal that
 * keeps moving is left for the next run and reported {@link CompactionReport#busy() busy}.
 */
public final class Compaction {
    /** Entries removed per batch unless told otherwise. */
    public static final int DEFAULT_CHUNK_ENTRIES = 10_000;
    private static final String SESSIONS = "session/";
    private static final int ATTEMPTS = 10;

    private final Store store;
    private final Map<String, RetentionRule> rules;
    private final int chunkEntries;
    private final Clock clock;

    private Compaction(Store store, Map<String, RetentionRule> rules, int chunkEntries, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.chunkEntries = chunkEntries;
        this.clock = clock;
    }

    /**
     * A compaction of {@code store} with no rules yet (it would remove nothing).
     *
     * @param store the store whose journals are truncated
     * @return the compaction, to add rules to
     */
    public static Compaction of(Store store) {
        return new Compaction(Objects.requireNonNull(store, "store"), Map.of(), DEFAULT_CHUNK_ENTRIES,
                Clock.system());
    }

    /**
     * Adds a rule; a journal matching several prefixes follows the rule of the longest.
     *
     * @param prefix the start of the journal ids the rule covers, {@code ""} for all
     * @param policy how much of those journals to keep
     * @return a copy of this compaction with the rule added
     * @throws IllegalArgumentException if a rule for the same prefix was given already
     */
    public Compaction rule(String prefix, RetentionPolicy policy) {
        return rule(RetentionRule.of(prefix, policy));
    }

    /**
     * Adds a rule; a journal matching several prefixes follows the rule of the longest.
     *
     * @param rule the prefix it covers, its policy and, for an age policy, how entries are dated
     * @return a copy of this compaction with the rule added
     * @throws IllegalArgumentException if a rule for the same prefix was given already
     */
    public Compaction rule(RetentionRule rule) {
        Objects.requireNonNull(rule, "rule");
        RetentionRule earlier = rules.get(rule.prefix());
        if (earlier != null) {
            throw new IllegalArgumentException("retention rule for prefix '" + rule.prefix() + "' given twice: "
                    + earlier.policy() + " and " + rule.policy());
        }
        Map<String, RetentionRule> next = new LinkedHashMap<>(rules);
        next.put(rule.prefix(), rule);
        return new Compaction(store, Collections.unmodifiableMap(next), chunkEntries, clock);
    }

    /** {@return the rules, in the order given} */
    public List<RetentionRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * The rule that governs a journal: the one with the longest prefix its id starts with.
     *
     * @param stream the journal
     * @return that rule, or empty when no rule covers the journal
     */
    public Optional<RetentionRule> ruleFor(StreamId stream) {
        RetentionRule best = null;
        for (RetentionRule rule : rules.values()) {
            if (stream.value().startsWith(rule.prefix())
                    && (best == null || rule.prefix().length() > best.prefix().length())) {
                best = rule;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Bounds each batch, so that no single write holds the store for long.
     *
     * @param entries the most entries one batch removes, 1..1000000
     * @return a copy of this compaction with the bound changed
     * @throws IllegalArgumentException if {@code entries} is out of range
     */
    public Compaction chunkEntries(int entries) {
        if (entries < 1 || entries > 1_000_000) {
            throw new IllegalArgumentException("compaction chunk must be 1..1000000 entries, was " + entries);
        }
        return new Compaction(store, rules, entries, clock);
    }

    /**
     * Sets the clock ages are judged on (the system clock by default).
     *
     * @param value the clock that stamped the sessions' snapshots, or a manual clock in tests
     * @return a copy of this compaction with the clock changed
     */
    public Compaction clock(Clock value) {
        return new Compaction(store, rules, chunkEntries, Objects.requireNonNull(value, "clock"));
    }

    /**
     * What a run would remove now, per journal; reads only.
     *
     * @return the cuts a run would make now, per journal
     * @throws IllegalArgumentException if an age rule governs a journal that is not a session's and the rule has no
     *                                  {@link EntryTime} to date its entries (nothing is planned, so a run changes
     *                                  nothing either)
     */
    public CompactionPlan plan() {
        List<StreamCut> cuts = new ArrayList<>();
        for (StreamId stream : store.listStreams("")) {
            planStream(stream).ifPresent(cuts::add);
        }
        return new CompactionPlan(cuts, store.storageBytes());
    }

    /**
     * Removes what {@link #plan} finds, in chunks, reporting a progress line per chunk to {@code progress}; then,
     * with {@code reclaimSpace}, asks the store to give the space back.
     *
     * @param reclaimSpace whether to ask the store to give freed space back to the file system afterwards
     * @param progress     receives one line per chunk removed
     * @return what was removed, which journals were left because their writers kept changing them, and the store's
     *         size after
     */
    public CompactionReport run(boolean reclaimSpace, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        CompactionPlan plan = plan();
        long planned = plan.entries();
        long removed = 0;
        List<StreamId> busy = new ArrayList<>();
        int done = 0;
        for (StreamCut planCut : plan.streams()) {
            done++;
            StreamCut cut = planCut;
            int conflicts = 0;
            while (cut != null && cut.firstKept() <= cut.cut()) {
                long upTo = Math.min(cut.cut(), cut.firstKept() - 1 + chunkEntries);
                WriteResult result = store.apply(WriteBatch.builder().guardJournal(cut.stream(), cut.head())
                        .truncate(cut.stream(), upTo).build());
                if (result.isCommitted()) {
                    removed += upTo - cut.firstKept() + 1;
                    progress.accept("compact: " + removed + "/" + planned + " entries removed, journal " + done
                            + "/" + plan.streams().size() + " '" + cut.stream() + "' up to " + upTo);
                    cut = advance(cut, upTo);
                } else if (++conflicts >= ATTEMPTS) {
                    busy.add(cut.stream());
                    cut = null;
                } else {
                    cut = planStream(cut.stream()).orElse(null);
                }
            }
        }
        if (reclaimSpace) {
            progress.accept("compact: giving the freed space back (" + store.descriptor().scheme() + ")");
            store.reclaimSpace();
        }
        return new CompactionReport(plan, removed, busy, reclaimSpace, store.storageBytes());
    }

    private static StreamCut advance(StreamCut cut, long upTo) {
        return new StreamCut(cut.stream(), upTo + 1, cut.cut(), cut.head(), cut.cut() - upTo, 0);
    }

    private Optional<StreamCut> planStream(StreamId stream) {
        Optional<RetentionRule> rule = ruleFor(stream);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        RetentionPolicy policy = rule.get().policy();
        long head = store.journalHead(stream);
        boolean session = stream.value().startsWith(SESSIONS);
        List<SnapshotMark> marks = new ArrayList<>();
        if (session) {
            marks.addAll(DurableSessions.snapshotMarks(store, stream.value().substring(SESSIONS.length())));
        } else {
            if (policy instanceof RetentionPolicy.MaxAge age) {
                dated(stream, rule.get(), age).ifPresent(marks::add);
            }
            store.loadSnapshot(stream.value()).ifPresent(s -> marks.add(new SnapshotMark(s.coveredSequence(), -1,
                    true)));
        }
        long cut = policy.cut(head, marks, clock.millis(), session);
        long first = 0;
        long entries = 0;
        long bytes = 0;
        try (Stream<Entry> doomed = store.readJournal(stream, 1, cut, Integer.MAX_VALUE)) {
            for (Iterator<Entry> it = doomed.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                first = first == 0 ? e.sequence() : first;
                entries++;
                bytes += e.payload().length;
            }
        }
        return entries == 0 ? Optional.empty() : Optional.of(new StreamCut(stream, first, cut, head, entries, bytes));
    }

    /**
     * The newest entry of a journal that is not a session's such that it and every dated entry before it is older
     * than the policy's age, as a mark that dates the events up to it (entries are in the order they were written).
     */
    private Optional<SnapshotMark> dated(StreamId stream, RetentionRule rule, RetentionPolicy.MaxAge age) {
        EntryTime time = rule.entryTime().orElseThrow(() -> new IllegalArgumentException("retention rule '"
                + rule.prefix() + "' keeps the events newer than " + age.age() + ", but journal '" + stream
                + "' is not a session's: its entries are bytes whose time only the code that wrote them knows, so"
                + " the rule needs an EntryTime to date them (RetentionRule.withEntryTime); or keep that journal by"
                + " entry count or by snapshot instead"));
        long now = clock.millis();
        SnapshotMark oldest = null;
        try (Stream<Entry> entries = store.readJournal(stream, 1)) {
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                OptionalLong at = time.of(e);
                if (at.isEmpty()) {
                    continue;
                }
                if (!age.isOld(at.getAsLong(), now)) {
                    break;
                }
                oldest = new SnapshotMark(e.sequence(), at.getAsLong(), false);
            }
        }
        return Optional.ofNullable(oldest);
    }
}
