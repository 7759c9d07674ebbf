package dev.steadfast.session;

import java.util.Locale;

/** How a session comes back after a disconnect, crash or takeover. */
public enum ReconnectPolicy {
    /** Keep the live in-memory state when this process still has it; rehydrate when it does not. */
    RESUME,
    /** Rebuild the state from the snapshot and the journal tail. */
    REHYDRATE,
    /** Start again from the initial state under the same identity; the history is kept. */
    REMOUNT;

    /** {@return a stable lower-case label, for reports and metrics} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
