package dev.steadfast.examples.chatroom;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionCodec;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.SessionType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A chat room owned by one process at a time: every message is one acknowledged event of the room's durable
 * session, so a process that takes the room over (after a crash, or from an owner that stalled) continues from
 * every message the old owner acknowledged, and the old owner's late writes are refused by the room's fence.
 *
 * <p>Usage: {@code ChatRoom STORE_URI ROOM OWNER}. The owner takes the room over at the next epoch, then reads
 * messages from standard input, one a line, appends each, and prints {@code ack <message>} once it is durable.
 * When a write is refused (someone else took the room), it prints {@code refused <reason>} and exits with 3.
 */
public final class ChatRoom {
    /** The exit status of an owner whose room was taken over. */
    public static final int SUPERSEDED = 3;

    private static final String SEPARATOR = "\n";
    private static final byte[] TOKEN_KEY = "chatroom example: use a real secret".getBytes(StandardCharsets.UTF_8);

    private ChatRoom() {
    }

    /** The room's sessions on {@code steadfast}'s store: state is the transcript, one message a line. */
    public static DurableSessions<String, String> rooms(Steadfast steadfast) {
        SessionType<String, String> type = new SessionType<>("", (transcript, message) ->
                transcript.isEmpty() ? message : transcript + SEPARATOR + message,
                SessionCodec.utf8(), SessionCodec.utf8());
        return new DurableSessions<>(steadfast.store(), steadfast.clock(), type,
                SessionOptions.of(new PersistenceProfile.JournalOnly()), FenceTokens.hmac(TOKEN_KEY));
    }

    /** Takes {@code room} over for {@code owner} at the next epoch, rehydrated with every acknowledged message. */
    public static DurableSession<String, String> takeOver(DurableSessions<String, String> rooms, String room,
                                                          String owner) {
        return rooms.takeOver(room, owner).orElseThrow();
    }

    /** The messages of a transcript, in order. */
    public static List<String> messages(String transcript) {
        return transcript.isEmpty() ? List.of() : Arrays.asList(transcript.split(SEPARATOR, -1));
    }

    /** Runs one owner; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ChatRoom STORE_URI ROOM OWNER");
            System.exit(2);
        }
        try (Steadfast steadfast = Steadfast.open(args[0])) {
            DurableSession<String, String> room = takeOver(rooms(steadfast), args[1], args[2]);
            System.out.println("owner " + args[2] + " at epoch " + room.fence().epoch() + " with "
                    + messages(room.state()).size() + " messages");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                AppendResult result = room.append(line);
                if (result instanceof AppendResult.Refused refused) {
                    System.out.println("refused " + refused.reason());
                    System.out.flush();
                    System.exit(SUPERSEDED);
                }
                System.out.println("ack " + line);
                System.out.flush();
            }
        }
    }
}
