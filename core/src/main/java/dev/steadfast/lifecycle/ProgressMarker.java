package dev.steadfast.lifecycle;

import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.steadfast.lifecycle.CopyException.Reason.REFUSED;

/**
 * What makes a {@link StoreCopy} or a {@link StoreImport} resumable: while one runs, its target holds a marker
 * record (namespace {@link StoreCopy#PROGRESS_NAMESPACE}) naming where the state comes from. A run that finds the
 * marker of the same origin continues instead of refusing the non-empty target; the marker is removed only once the
 * target verifies, so a target without it is complete.
 */
final class ProgressMarker {
    private static final RecordKey MARKER = RecordKey.of("in-progress");

    private ProgressMarker() {
    }

    /**
     * Refuses a target holding other state (unless {@code merge}) or another origin's interrupted run; writes the
     * marker for a fresh run.
     *
     * @param what     "copy" or "import", for messages
     * @param identity the origin, compared byte for byte with the marker of an interrupted run
     * @return whether an interrupted run of the same origin continues
     */
    static boolean startOrResume(Store target, String what, byte[] identity, boolean merge,
                                 Consumer<String> progress) {
        Optional<byte[]> marker = target.getRecord(StoreCopy.PROGRESS_NAMESPACE, MARKER);
        if (marker.isPresent()) {
            if (!Arrays.equals(marker.get(), identity)) {
                throw new CopyException(REFUSED, "the target holds an interrupted " + what + " from "
                        + new String(marker.get(), StandardCharsets.UTF_8) + ", not from "
                        + new String(identity, StandardCharsets.UTF_8) + "; finish that one or use a fresh target");
            }
            progress.accept("resuming an interrupted " + what);
            return true;
        }
        String contents = StoreCopy.contents(target);
        if (!contents.isEmpty() && !merge) {
            throw new CopyException(REFUSED, what.equals("copy")
                    ? "the target is not empty (" + contents + "); copy into an empty store, or pass merge to add "
                            + "the source's state to it"
                    : "the " + what + " target is not empty (" + contents + "); " + what + " into an empty store");
        }
        StoreCopy.commit(target, WriteBatch.builder().putRecord(StoreCopy.PROGRESS_NAMESPACE, MARKER, identity)
                .build(), "progress marker");
        return false;
    }

    /** Removes the marker: the target verified. */
    static void finish(Store target) {
        StoreCopy.commit(target, WriteBatch.builder().removeRecord(StoreCopy.PROGRESS_NAMESPACE, MARKER).build(),
                "progress marker");
    }
}
