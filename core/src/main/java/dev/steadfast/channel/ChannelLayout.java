package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a channel lives in the store: every piece of it is a record of one namespace, {@code channel/<id>}, so a
 * whole channel is read by one scan and dropped by one {@code DropNamespace}; its ownership is the fence of the
 * same name. A key's first byte says what the record is; history keys carry the big-endian insertion position, so
 * the scan returns the history oldest first.
 */
final class ChannelLayout {
    static final String PREFIX = "channel/";

    static final byte META = 'm';
    static final byte HISTORY = 'h';
    static final byte HINT = 'r';
    static final byte OUTGOING = 'o';
    static final byte INCOMING = 'i';
    static final byte OUTGOING_REPAIR = 'p';
    static final byte INCOMING_REPAIR = 'q';

    static final RecordKey META_KEY = RecordKey.of(new byte[] {META});

    private ChannelLayout() {
    }

    /** The namespace and fence name of channel {@code id}. */
    static String name(String channelId) {
        Names.require("channel id", channelId);
        return Names.require("channel name", PREFIX + channelId);
    }

    /** The channel id of a namespace listed under {@link #PREFIX}. */
    static String channelId(String name) {
        return name.substring(PREFIX.length());
    }

    static RecordKey history(long position) {
        byte[] key = new byte[9];
        key[0] = HISTORY;
        for (int i = 8; i >= 1; i--) {
            key[i] = (byte) position;
            position >>>= 8;
        }
        return RecordKey.of(key);
    }

    static RecordKey keyed(byte kind, String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[id.length + 1];
        key[0] = kind;
        System.arraycopy(id, 0, key, 1, id.length);
        return RecordKey.of(key);
    }

    /** The message id a keyed record's key carries. */
    static String messageId(byte[] key) {
        return new String(Arrays.copyOfRange(key, 1, key.length), StandardCharsets.UTF_8);
    }
}
