package dev.steadfast.pipeline;

import java.util.stream.Stream;

/**
 * The input of a pipeline's first stage, readable again from any offset it handed out as an
 * {@link Item#nextOffset()}. That is what lets a stage resume exactly where its last checkpoint left off.
 */
@FunctionalInterface
public interface Source {

    /**
     * The items from {@code offset} on, in order: after a restart, the same offset must give the same items.
     * The stream is closed by the caller.
     *
     * @param offset 0 for the start, or a {@link Item#nextOffset()} this source handed out
     * @return the items, each carrying the offset to resume after it
     */
    Stream<Item> from(long offset);
}
