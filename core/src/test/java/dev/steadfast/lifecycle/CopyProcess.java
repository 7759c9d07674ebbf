package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;

import java.io.IOException;

/**
 * A child JVM that copies {@code args[0]} to {@code args[1]} one entry per batch, prints each progress line, and
 * once the target's head of the plain journal reaches {@code args[2]} prints {@code HALFWAY} and waits for stdin, so
 * that the parent's {@code kill -9} lands at a known point of the copy.
 */
public final class CopyProcess {
    private CopyProcess() {
    }

    /** Runs the copy; never returns normally before it is killed unless the halfway point is never reached. */
    public static void main(String[] args) throws IOException {
        String halfway = "'" + CopyPopulation.PLAIN + "' at " + args[2] + "/";
        try (Store source = Stores.open(args[0]); Store target = Stores.open(args[1])) {
            StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(1).withProgress(line -> {
                System.out.println(line);
                if (line.contains(halfway)) {
                    System.out.println("HALFWAY");
                    System.out.flush();
                    block();
                }
            }));
        }
        System.out.println("DONE");
    }

    private static void block() {
        try {
            System.in.read();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
