package dev.steadfast.session;

import java.util.Locale;

/** Where a session is in its life: serving, waiting to reconnect, or crashed. */
public enum Lifecycle {
    /** Accepting events. */
    LIVE,
    /** Restarted, not yet reconnected. */
    DISCONNECTED,
    /** Its process lost its memory; it must restart and reconnect. */
    CRASHED;

    /** {@return a stable lower-case label, for reports and metrics} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
