package dev.steadfast.lifecycle;

import dev.steadfast.session.RetentionPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a {@link Compaction}: the policy for the journals whose id starts with {@code prefix} ("" for all;
 * the longest matching prefix of a compaction's rules wins).
 *
 * @param prefix    the journals it governs, for example {@code session/cart-} for one session type's journals
 * @param policy    how much of them to keep
 * @param entryTime how to date the entries of journals that are not sessions', for an age policy
 */
public record RetentionRule(String prefix, RetentionPolicy policy, Optional<EntryTime> entryTime) {
    /**
     * Checks for nulls.
     *
     * @param prefix    the journals it governs ("" for all)
     * @param policy    how much of them to keep
     * @param entryTime how to date the entries of journals that are not sessions', or empty
     */
    public RetentionRule {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(entryTime, "entryTime");
    }

    /**
     * A rule without a way to date entries: enough for every policy on session journals, and for count and
     * snapshot policies on any journal.
     *
     * @param prefix the journals it governs ("" for all)
     * @param policy how much of them to keep
     * @return the rule
     */
    public static RetentionRule of(String prefix, RetentionPolicy policy) {
        return new RetentionRule(prefix, policy, Optional.empty());
    }

    /**
     * This rule, able to apply an age policy to journals that are not sessions'.
     *
     * @param time how to read an entry's time from its payload
     * @return a copy of this rule with {@code time} as its way to date entries
     */
    public RetentionRule withEntryTime(EntryTime time) {
        return new RetentionRule(prefix, policy, Optional.of(Objects.requireNonNull(time, "time")));
    }
}
