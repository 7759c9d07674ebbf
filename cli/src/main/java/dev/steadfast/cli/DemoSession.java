package dev.steadfast.cli;

import dev.steadfast.fence.FenceTokens;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.ReconnectPolicy;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import java.nio.charset.StandardCharsets;

/** What the demo's two owners agree on: the session kind, how it persists, and its continuity SLO. */
final class DemoSession {
    static final String FIRST_OWNER = "node-a";
    static final String SECOND_OWNER = "node-b";
    static final int CHECKPOINT_EVERY = 8;
    static final long CONTINUITY_SLO_MS = 1_000;
    static final long MAX_DATA_LOSS_EVENTS = 0;
    /**
     * Both owners sign fence tokens with one shared secret, as every node of a real deployment must (read it from
     * configuration there; a demo has nothing to protect, so it is written here).
     */
    private static final FenceTokens TOKENS = FenceTokens.hmac(
            "steadfast-demo-shared-secret".getBytes(StandardCharsets.UTF_8));

    private DemoSession() {
    }

    static SessionOptions options(long continuitySloMs) {
        return new SessionOptions(new PersistenceProfile.SnapshotJournal(CHECKPOINT_EVERY), ReconnectPolicy.REHYDRATE,
                continuitySloMs, MAX_DATA_LOSS_EVENTS);
    }

    static DurableSessions<Long, Long> counters(Store store, Clock clock, long continuitySloMs) {
        return new Sessions(store, clock, TOKENS).counters(options(continuitySloMs));
    }
}
