package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;

/**
 * A child JVM that copies {@code args[0]} to {@code args[1]} in batches of {@code args[2]} entries, printing each
 * progress line as it goes and never pausing: the parent's {@code kill -9} lands wherever the copy happens to be,
 * possibly in the middle of a write.
 */
public final class CopyProcess {
    private CopyProcess() {
    }

    /** Runs the copy to its end unless killed. */
    public static void main(String[] args) {
        try (Store source = Stores.open(args[0]); Store target = Stores.open(args[1])) {
            StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(Integer.parseInt(args[2]))
                    .withProgress(line -> {
                        System.out.println(line);
                        System.out.flush();
                    }));
        }
        System.out.println("DONE");
    }
}
