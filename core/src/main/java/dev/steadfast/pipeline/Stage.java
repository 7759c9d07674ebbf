package dev.steadfast.pipeline;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One step of a pipeline: consumes items in order and emits output.
 *
 * <p>A stage is deterministic: the same items after the same {@link #restore(byte[]) restored} state emit the same
 * output. Its state (for example open windows) is saved with every checkpoint, in the same batch as the output
 * it led to, and restored when the stage resumes after a crash. A stateless stage keeps the defaults.
 * A stage instance is used by one thread.
 */
public interface Stage {

    /**
     * A stateless stage named {@code name} that hands each item to {@code accept}.
     *
     * @param name   the stage's name in checkpoints
     * @param accept called with each item and the emitter for its output
     * @return the stage
     * @throws IllegalArgumentException if the name is empty, too long or holds a control character
     */
    static Stage of(String name, BiConsumer<Item, Emitter> accept) {
        return new StatelessStage(PipelineNames.requireStage(name), Objects.requireNonNull(accept, "accept"));
    }

    /**
     * {@return the stage's name in checkpoints: a valid name of at most 100 characters, without {@code /}, unique
     * in its pipeline}
     */
    String name();

    /**
     * Handles one item. Output emitted here is committed with the checkpoint that covers the item, or not at all.
     *
     * @param item the next input item
     * @param out  where this stage's output goes
     */
    void accept(Item item, Emitter out);

    /**
     * Called once when the input is exhausted, for example to close the windows still open.
     *
     * @param out where this stage's last output goes
     */
    default void finish(Emitter out) {
    }

    /** {@return the state to save with a checkpoint, in the same atomic batch; empty for a stateless stage} */
    default byte[] state() {
        return new byte[0];
    }

    /**
     * Restores state saved by {@link #state()} before the stage resumes; not called on a fresh start.
     *
     * @param state the bytes {@link #state()} returned with the checkpoint resumed from
     */
    default void restore(byte[] state) {
    }
}
