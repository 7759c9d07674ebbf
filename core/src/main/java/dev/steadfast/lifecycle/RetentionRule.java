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
    /** Checks for nulls. */
    public RetentionRule {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(entryTime, "entryTime");
    }

    /** {@code policy} for the journals under {@code prefix}, without a way to date entries. */
    public static RetentionRule of(String prefix, RetentionPolicy policy) {
        return new RetentionRule(prefix, policy, Optional.empty());
    }

    /** This rule dating the entries of journals that are not sessions' with {@code time}. */
    public RetentionRule withEntryTime(EntryTime time) {
        return new RetentionRule(prefix, policy, Optional.of(Objects.requireNonNull(time, "time")));
    }
}
