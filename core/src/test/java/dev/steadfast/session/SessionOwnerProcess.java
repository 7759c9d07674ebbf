package dev.steadfast.session;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM that owns one counter session and appends on command, for the two-process tests.
 *
 * <p>Arguments: store URI, session id, owner. Protocol, one line each way: it prints {@code READY <epoch>} once it
 * holds the session; then for each {@code append <delta>} it prints {@code ACK <delta> <sequence>} or
 * {@code REFUSED <conflict type> <reason>}; {@code burst <n>} appends deltas of 1 n times, printing each
 * acknowledgement; {@code quit} exits.
 */
public final class SessionOwnerProcess {
    /** The profile the child writes with; readers must use the same. */
    static final PersistenceProfile PROFILE = new PersistenceProfile.SnapshotJournal(16);

    private SessionOwnerProcess() {
    }

    /** Runs the child. */
    public static void main(String[] args) throws Exception {
        try (Store store = Stores.open(args[0])) {
            DurableSessions<Long, Long> sessions = new Sessions(store, Clock.system())
                    .counters(SessionOptions.of(PROFILE));
            DurableSession<Long, Long> session = sessions.start(args[1], args[2], "child").orElseThrow();
            System.out.println("READY " + session.fence().epoch());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] cmd = line.split(" ");
                if (cmd[0].equals("append")) {
                    report(Long.parseLong(cmd[1]), session.append(Long.parseLong(cmd[1])));
                } else if (cmd[0].equals("burst")) {
                    for (int i = 0; i < Integer.parseInt(cmd[1]); i++) {
                        report(1, session.append(1L));
                    }
                }
            }
        }
    }

    private static void report(long delta, AppendResult result) {
        if (result instanceof AppendResult.Acknowledged a) {
            System.out.println("ACK " + delta + " " + a.journalSequence());
        } else {
            AppendResult.Refused r = (AppendResult.Refused) result;
            System.out.println("REFUSED " + r.conflict().getClass().getSimpleName() + " " + r.reason());
        }
        System.out.flush();
    }
}
