package dev.steadfast.channel;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a whole channel with one scan of its namespace. The scan is checked against the meta record read after
 * it: every step rewrites the meta record with a higher step count, so an unchanged count proves no step
 * committed while the scan ran, and the result is one consistent state; otherwise the scan is repeated.
 */
final class ChannelLoader {
    private static final int ATTEMPTS = 8;

    private ChannelLoader() {
    }

    static ChannelState load(Store store, String channelId) {
        String namespace = ChannelLayout.name(channelId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ChannelState state = scan(store, channelId, namespace);
            long after = store.getRecord(namespace, ChannelLayout.META_KEY)
                    .map(v -> readMeta(channelId, v)[1]).orElse(0L);
            if (after == state.steps()) {
                return state;
            }
        }
        throw new StoreException("channel '" + channelId + "' kept changing while it was read " + ATTEMPTS
                + " times; read it while its owner is quiet, or as its owner");
    }

    private static ChannelState scan(Store store, String channelId, String namespace) {
        long lamport = 0;
        long steps = 0;
        List<HistoryEntry> history = new ArrayList<>();
        Map<String, Bytes> hints = new HashMap<>();
        Map<String, Unacknowledged> outgoing = new HashMap<>();
        Map<String, Waiting> incoming = new HashMap<>();
        Map<String, OutgoingRepair> outgoingRepairs = new HashMap<>();
        Map<String, IncomingRepair> incomingRepairs = new HashMap<>();
        try (Stream<StoredRecord> records = store.scanRecords(namespace)) {
            for (StoredRecord r : (Iterable<StoredRecord>) records::iterator) {
                byte[] key = r.key().bytes();
                String where = "record " + r.key() + " of channel '" + channelId + "'";
                ChannelCodec.Reader in = new ChannelCodec.Reader(r.value(), where);
                String id = key.length > 1 ? ChannelLayout.messageId(key) : "";
                switch (key[0]) {
                    case ChannelLayout.META -> {
                        lamport = in.readLong();
                        steps = in.readLong();
                    }
                    case ChannelLayout.HISTORY -> history.add(new HistoryEntry(position(key, where), in.readMessage()));
                    case ChannelLayout.HINT -> hints.put(id, in.readBytes());
                    case ChannelLayout.OUTGOING -> outgoing.put(id,
                            new Unacknowledged(in.readMessage(), in.readLong(), in.readInt()));
                    case ChannelLayout.INCOMING -> incoming.put(id, new Waiting(in.readMessage(), in.readStringSet()));
                    case ChannelLayout.OUTGOING_REPAIR -> outgoingRepairs.put(id,
                            new OutgoingRepair(id, in.readBytes(), in.readLong()));
                    case ChannelLayout.INCOMING_REPAIR -> incomingRepairs.put(id,
                            new IncomingRepair(id, in.readBytes(), in.readLong()));
                    default -> throw new CorruptStoreException(where + " is of no kind a channel stores");
                }
                in.end();
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException("channel '" + channelId + "' holds an invalid value: "
                    + e.getMessage(), e);
        }
        return new ChannelState(channelId, lamport, steps, history, hints, outgoing, incoming, outgoingRepairs,
                incomingRepairs);
    }

    /** {@code [lamport, steps]} of the channel's meta record. */
    static long[] readMeta(String channelId, byte[] value) {
        ChannelCodec.Reader in = new ChannelCodec.Reader(value, "meta record of channel '" + channelId + "'");
        long[] meta = {in.readLong(), in.readLong()};
        in.end();
        return meta;
    }

    private static long position(byte[] key, String where) {
        if (key.length != 9) {
            throw new CorruptStoreException(where + " is a history key of " + key.length + " bytes, expected 9");
        }
        long position = 0;
        for (int i = 1; i < 9; i++) {
            position = (position << 8) | (key[i] & 0xff);
        }
        return position;
    }
}
