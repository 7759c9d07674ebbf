package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link StoreCrashTck}: opens the store the way the join class does, then commits {@link
 * CrashSteps} from a given step on, forever, printing {@code ACK step} only after the store reported the step's
 * batch committed. Every third step goes through {@code applyAll} together with the next. Exits with status 3 if
 * a step is refused: the store lost or half-applied an earlier one.
 */
final class CrashWriter {
    private CrashWriter() {
    }

    /** Arguments: the join class (a {@link StoreCrashTck} subclass), the store's directory, the first step. */
    public static void main(String[] args) throws Exception {
        Constructor<?> constructor = Class.forName(args[0]).getDeclaredConstructor();
        constructor.setAccessible(true);
        StoreCrashTck join = (StoreCrashTck) constructor.newInstance();
        Store store = join.openStore(Path.of(args[1]));
        System.out.println("OPEN");
        System.out.flush();
        for (long step = Long.parseLong(args[2]); ; ) {
            List<WriteBatch> batches = step % 3 == 0
                    ? List.of(CrashSteps.batch(step), CrashSteps.batch(step + 1)) : List.of(CrashSteps.batch(step));
            List<WriteResult> results = batches.size() == 1 ? List.of(store.apply(batches.get(0)))
                    : store.applyAll(batches);
            for (WriteResult result : results) {
                if (!result.isCommitted()) {
                    System.out.println("REFUSED " + step + " " + result);
                    System.out.flush();
                    System.exit(3);
                }
                System.out.println("ACK " + step++);
            }
            System.out.flush();
        }
    }
}
