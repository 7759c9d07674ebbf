package dev.steadfast.harness;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a search over seeds found.
 *
 * @param firstSeed   the first seed tried
 * @param seedsRun    how many seeds ran (the search stops after the first failing one)
 * @param failingSeed the first seed whose matrix failed, if any; replay it with {@link Harness#runMatrix(long)}
 * @param report      the report over every seed run
 */
public record SearchResult(long firstSeed, int seedsRun, OptionalLong failingSeed, Report report) {
    /**
     * Rejects nulls.
     *
     * @param firstSeed   the first seed tried
     * @param seedsRun    how many seeds ran (the search stops after the first failing one)
     * @param failingSeed the first seed whose matrix failed, if any; replay it with {@link Harness#runMatrix(long)}
     * @param report      the report over every seed run
     */
    public SearchResult {
        Objects.requireNonNull(failingSeed, "failingSeed");
        Objects.requireNonNull(report, "report");
    }
}
