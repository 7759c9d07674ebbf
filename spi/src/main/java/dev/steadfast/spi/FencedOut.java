package dev.steadfast.spi;

import java.util.Objects;

/**
 * A fence was not at the epoch the writer expected: someone else took over (or the writer is confused).
 *
 * @param fence         the fence's name
 * @param expectedEpoch the epoch the writer holds (0: expected no fence)
 * @param foundEpoch    the epoch the store holds (0: no fence)
 * @param foundOwner    the owner the store holds, empty when there is no fence
 */
public record FencedOut(String fence, long expectedEpoch, long foundEpoch, String foundOwner) implements Conflict {
    /**
     * Builds the conflict a store reports.
     *
     * @param fence         the fence's name
     * @param expectedEpoch the epoch the writer holds, 0 when it expected no fence
     * @param foundEpoch    the epoch the store holds, 0 when there is no fence
     * @param foundOwner    the stored owner, empty when there is no fence
     * @throws NullPointerException if {@code fence} or {@code foundOwner} is null
     */
    public FencedOut {
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(foundOwner, "foundOwner");
    }

    @Override
    public String message() {
        if (foundEpoch == 0) {
            return "fence '" + fence + "' does not exist, this writer holds epoch " + expectedEpoch;
        }
        if (foundEpoch == expectedEpoch) {
            return "fence '" + fence + "' at epoch " + foundEpoch + " (owner '" + foundOwner
                    + "') is no longer the fence this writer expected: its lease end or holder changed";
        }
        return "fence '" + fence + "' is at epoch " + foundEpoch + " (owner '" + foundOwner
                + "'), this writer holds epoch " + expectedEpoch;
    }
}
