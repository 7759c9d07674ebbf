package dev.steadfast.harness;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;

/** A child JVM that certifies a store at one seed and prints the report's signature; args: store URI, seed. */
public final class MatrixProcess {
    private MatrixProcess() {
    }

    /** Runs the child. */
    public static void main(String[] args) {
        try (Store store = Stores.open(args[0])) {
            Report report = new Harness(store, "child").runMatrix(Long.parseLong(args[1]));
            System.out.println((report.passed() ? "PASS " : "FAIL ") + report.signature());
        }
    }
}
