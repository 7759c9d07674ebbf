package dev.steadfast.pipeline;

import java.util.function.BiConsumer;

/** The stage {@link Stage#of} makes: a name and a function, no state. */
record StatelessStage(String name, BiConsumer<Item, Emitter> function) implements Stage {
    @Override
    public void accept(Item item, Emitter out) {
        function.accept(item, out);
    }
}
