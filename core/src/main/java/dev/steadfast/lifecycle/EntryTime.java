package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import java.util.OptionalLong;

/**
 * When a journal entry was written, read from its payload. A store keeps entries as opaque bytes, so only the code
 * that wrote them can tell their time; a {@link RetentionRule} with an age policy needs one for every journal that
 * is not a session's (a session dates its journal by its checkpoints on its own).
 */
@FunctionalInterface
public interface EntryTime {
    /**
     * When {@code entry} was written, in milliseconds on the clock the {@link Compaction} judges ages on; empty when
     * this entry carries no time (it is then dated by the entries after it, which were written later).
     *
     * @param entry an entry of a journal the rule governs, as the store returned it
     * @return its time in milliseconds, or empty when the entry carries none
     */
    OptionalLong of(Entry entry);
}
