package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import java.io.IOException;

/** A child process that opens the store named by its argument, prints {@code OPEN}, and holds it until stdin ends. */
final class HoldStoreMain {
    private HoldStoreMain() {
    }

    public static void main(String[] args) throws IOException {
        try (Steadfast steadfast = Steadfast.open(args[0])) {
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin or kills us
            }
        }
    }
}
