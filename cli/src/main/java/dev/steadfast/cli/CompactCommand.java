package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.Compaction;
import dev.steadfast.lifecycle.CompactionPlan;
import dev.steadfast.lifecycle.CompactionReport;
import dev.steadfast.lifecycle.RetentionRule;
import dev.steadfast.lifecycle.StreamCut;
import dev.steadfast.session.RetentionPolicy;
import dev.steadfast.spi.StoreSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast compact}: applies retention rules to a store's journals and gives the freed space back. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Remove journal entries a retention policy no longer keeps, then give the space back.",
            "",
            "Applies one policy to the journals whose id starts with --prefix (default: every session), or several "
                + "rules, one --rule each (" + RuleOption.FORM + "), for example --rule prefix=session/,"
                + "after-snapshot=2 --rule prefix=chat/,max-entries=1000; the rule with the longest prefix a journal "
                + "starts with governs it. A session's journal is never cut past its oldest kept snapshot (recovery, "
                + "and its fallback to an older snapshot, still find every event they replay), nor at all without a "
                + "snapshot. Heads and sequences never change. Without a policy option it removes what no kept "
                + "snapshot needs. An age is judged by a session's checkpoints; an age rule over another journal is "
                + "refused (its entries carry no time the store can read; the Compaction API takes an EntryTime for "
                + "them).",
            "Each batch removes at most --chunk entries in its own short transaction, guarded by the head the plan "
                + "saw, so running writers are never overwritten; a progress line per batch goes to standard error.",
            "Then the store gives the space back (SQLite: VACUUM; H2: online file compaction; encrypted-file: "
                + "compaction into fresh segments; PostgreSQL: VACUUM), unless --no-reclaim.",
            "--dry-run opens the store read-only and prints what would be removed and how much space it frees."})
final class CompactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", required = true, paramLabel = "URI", description = "The store to compact.")
    String store;

    @Option(names = "--dry-run", description = "Say what would be removed and freed; change nothing.")
    boolean dryRun;

    /** A list only to refuse a second one by name: one policy option cannot say which prefix it belongs to. */
    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Journals the policy applies to (default: session/; \"\" for all). Once; several "
                    + "prefixes, each with its policy, are --rule options.")
    List<String> prefixes = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Policy policy;

    @Option(names = "--rule", paramLabel = "RULE",
            description = "A retention rule, repeatable: " + RuleOption.FORM + ". Replaces --prefix and the policy "
                    + "options.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "" + Compaction.DEFAULT_CHUNK_ENTRIES,
            description = "Most entries removed per batch (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--no-reclaim", description = "Leave the freed space to the store's later writes.")
    boolean noReclaim;

    /** At most one policy; none means "after the oldest kept snapshot". */
    static final class Policy {
        @Option(names = "--after-snapshot", paramLabel = "K",
                description = "Keep the events after the K-th newest snapshot.")
        Integer afterSnapshot;

        @Option(names = "--max-entries", paramLabel = "N", description = "Keep at most the N newest entries.")
        Long maxEntries;

        @Option(names = "--max-age", paramLabel = "AGE",
                description = "Keep the events newer than AGE, for example 7d, 12h, 30m or PT90S.")
        String maxAge;
    }

    @Override
    public Integer call() {
        List<RetentionRule> retention = retention();
        if (chunk < 1 || chunk > 1_000_000) {
            throw new CommandFailure(ExitCodes.USAGE, "--chunk must be 1..1000000, was " + chunk);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Steadfast opened = dryRun ? ExistingStore.openReadOnly(store) : openExisting(store)) {
            Compaction compaction = Compaction.of(opened.store()).chunkEntries(chunk);
            CompactionPlan plan;
            try {
                for (RetentionRule rule : retention) {
                    compaction = compaction.rule(rule);
                }
                plan = compaction.plan();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.USAGE, e.getMessage() + "; nothing was removed");
            }
            print(out, compaction, plan);
            if (dryRun) {
                out.println("dry run: nothing changed" + (noReclaim ? "" : "; a real run then gives the space back"));
                out.flush();
                return ExitCodes.OK;
            }
            out.flush();
            CompactionReport report = compaction.run(!noReclaim, line -> {
                err.println(line);
                err.flush();
            });
            out.println("OK: removed " + report.entriesRemoved() + " entries from " + plan.streams().size()
                    + " journal(s); store size " + size(plan.storageBytes()) + " -> " + size(report.storageBytes())
                    + freed(plan.storageBytes(), report.storageBytes()));
            if (!report.busy().isEmpty()) {
                out.println("left for a later run (their writers kept moving them): " + report.busy());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static Steadfast openExisting(String uri) {
        StoreSpec spec = StoreSpec.parse(uri);
        ExistingStore.requireExists(spec);
        return Steadfast.open(ExistingStore.existingOnly(uri, spec));
    }

    private List<RetentionRule> retention() {
        boolean prefixGiven = !prefixes.isEmpty();
        if (prefixes.size() > 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--prefix given " + prefixes.size() + " times " + prefixes
                    + "; one --prefix takes the one policy option, several prefixes each with its policy are rules: "
                    + String.join(" ", prefixes.stream().map(p -> "--rule prefix=" + p + ",POLICY").toList()));
        }
        String prefix = prefixGiven ? prefixes.get(0) : "session/";
        if (!rules.isEmpty()) {
            if (prefixGiven || policy != null) {
                throw new CommandFailure(ExitCodes.USAGE, "--rule replaces --prefix and the policy options; give "
                        + "the rules only (found --rule with " + (prefixGiven ? "--prefix" : "a policy option") + ")");
            }
            return rules.stream().map(RuleOption::parse).toList();
        }
        try {
            if (policy == null) {
                return List.of(RetentionRule.of(prefix, RetentionPolicy.afterSnapshot(Integer.MAX_VALUE)));
            }
            if (policy.afterSnapshot != null) {
                return List.of(RetentionRule.of(prefix, RetentionPolicy.afterSnapshot(policy.afterSnapshot)));
            }
            if (policy.maxEntries != null) {
                return List.of(RetentionRule.of(prefix, RetentionPolicy.atMost(policy.maxEntries)));
            }
            return List.of(RetentionRule.of(prefix, RetentionPolicy.newerThan(Ages.parse(policy.maxAge))));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    private void print(PrintWriter out, Compaction compaction, CompactionPlan plan) {
        out.println("compact " + StoreSpec.parse(store) + ":"); // the URI's secret option values hidden
        for (RetentionRule rule : compaction.rules()) {
            out.println("  journals under '" + rule.prefix() + "', " + RuleOption.describe(rule.policy()));
        }
        for (StreamCut cut : plan.streams()) {
            out.println("  " + cut.stream() + ": remove " + cut.firstKept() + ".." + cut.cut() + " (" + cut.entries()
                    + " entries, " + cut.payloadBytes() + " payload bytes); head " + cut.head() + " stays (rule '"
                    + compaction.ruleFor(cut.stream()).map(RetentionRule::prefix).orElse("") + "')");
        }
        out.println((dryRun ? "would remove " : "removing ") + plan.entries() + " entries from "
                + plan.streams().size() + " journal(s), freeing about " + plan.payloadBytes()
                + " payload bytes; store size now " + size(plan.storageBytes()));
    }

    private static String size(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() + " bytes" : "unknown";
    }

    private static String freed(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        return " (" + (before.getAsLong() - after.getAsLong()) + " bytes freed)";
    }
}
