package dev.steadfast.jdbc;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The dialect-neutral store over JDBC. Writes go through {@link Writes}; reads borrow a read connection. */
final class JdbcStore implements Store {
    private final Dialect dialect;
    private final ConnectionSource source;
    private final StoreDescriptor descriptor;
    private final Sql sql;
    private final Writes writes;
    /** Calls share it; close takes it exclusively, so close waits for calls in flight and later calls see closed. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Set<ReadLease> cursors = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    JdbcStore(Dialect dialect, ConnectionSource source, StoreDescriptor descriptor) {
        this.dialect = dialect;
        this.source = source;
        // Validation.batches checks every batch before any SQL runs.
        this.descriptor = descriptor.withValidatesBeforeWriting(true).withFormatVersion(Schema.CURRENT);
        this.sql = new Sql(dialect);
        this.writes = new Writes(this, dialect, source, sql);
    }

    String location() {
        return descriptor.location();
    }

    StoreException translate(SQLException e, String during) {
        return Failures.translate(dialect, e, location(), during, Failures.Outcome.READ);
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    /** The connection source reports what it sees of the database. */
    @Override
    public void monitor(StoreMonitor monitor) {
        source.monitor(Objects.requireNonNull(monitor, "monitor"));
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        Validation.batch(batch, descriptor.maxPayloadBytes());
        return write(List.of(batch)).get(0);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        Validation.batches(batches, descriptor.maxPayloadBytes());
        if (batches.isEmpty()) {
            ensureOpen();
            return List.of();
        }
        return write(List.copyOf(batches));
    }

    private List<WriteResult> write(List<WriteBatch> batches) {
        gate.readLock().lock();
        try {
            ensureOpen();
            return writes.run(batches, batches.size() == 1 ? "writing a batch" : "writing " + batches.size() + " batches");
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return query("reading the head of '" + stream + "'", sql.selectHead, ps -> ps.setString(1, stream.value()),
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        Objects.requireNonNull(stream, "stream");
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be >= 1, was " + fromSequence);
        }
        Validation.nonNegative("toSequence", toSequence);
        Validation.nonNegative("maxEntries", maxEntries);
        ensureOpen();
        if (maxEntries == 0 || toSequence < fromSequence) {
            return Stream.empty();
        }
        return cursor("reading journal '" + stream + "'", sql.readJournal, ps -> {
            ps.setString(1, stream.value());
            ps.setLong(2, fromSequence);
            ps.setLong(3, toSequence);
            ps.setLong(4, maxEntries);
        }, new JournalRows(stream)::entry);
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        return names("streams", prefix, sql.listStreams).stream().map(StreamId::new).toList();
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        return query("loading snapshot '" + key + "'", sql.selectSnapshot, ps -> ps.setString(1, key),
                rs -> rs.next() ? Optional.of(new Snapshot(key, rs.getLong(1), rs.getBytes(2))) : Optional.empty());
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        return names("snapshots", prefix, sql.listSnapshots);
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        return query("reading record " + key + " of '" + namespace + "'", sql.selectRecord, ps -> {
            ps.setString(1, namespace);
            ps.setBytes(2, key.bytes());
        }, rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty());
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        Validation.nonNegative("limit", limit);
        ensureOpen();
        if (limit == 0) {
            return Stream.empty();
        }
        RecordKey from = range.fromInclusive();
        RecordKey to = range.toExclusive();
        return cursor("scanning records of '" + namespace + "'", sql.scanRecords(from != null, to != null), ps -> {
            int i = 1;
            ps.setString(i++, namespace);
            if (from != null) {
                ps.setBytes(i++, from.bytes());
            }
            if (to != null) {
                ps.setBytes(i++, to.bytes());
            }
            ps.setLong(i, limit);
        }, rs -> new StoredRecord(namespace, RecordKey.of(rs.getBytes(1)), rs.getBytes(2)));
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        return names("namespaces", prefix, sql.listNamespaces);
    }

    @Override
    public Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        return query("reading fence '" + name + "'", sql.selectFence, ps -> ps.setString(1, name),
                rs -> rs.next() ? Optional.of(new Fence(name, rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getLong(4))) : Optional.empty());
    }

    @Override
    public List<Fence> listFences(String prefix) {
        Validation.prefix("fence name prefix", prefix);
        List<Fence> fences = query("listing fences", sql.listFences, ps -> ps.setString(1, prefix), rs -> {
            List<Fence> found = new ArrayList<>();
            while (rs.next() && rs.getString(1).startsWith(prefix)) {
                found.add(new Fence(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
            }
            return found;
        });
        fences.sort((a, b) -> Names.CODE_POINT_ORDER.compare(a.name(), b.name()));
        return fences;
    }

    @Override
    public OptionalLong storageBytes() {
        gate.readLock().lock();
        try {
            ensureOpen();
            long bytes = writes.maintain(dialect::storageBytes, "measuring the store's size");
            return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void reclaimSpace() {
        gate.readLock().lock();
        try {
            ensureOpen();
            writes.maintain(c -> {
                dialect.reclaimSpace(c);
                return null;
            }, "reclaiming free space");
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (ReadLease lease : cursors) {
                lease.close();
            }
            writes.close();
            source.close();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /**
     * Creates or migrates the schema; on failure the caller closes the source. Creating holds the writer lock that
     * the database's other stores in this process share: H2 commits each CREATE TABLE by itself, and a store that
     * opened meanwhile saw a half-made schema (tables without the version row), refused the database as foreign or
     * failed creating a table that had just appeared.
     */
    void open(boolean create) {
        gate.readLock().lock();
        try {
            SchemaSetup setup = new SchemaSetup(dialect, source, location());
            if (create) {
                writes.holdingWriters(() -> setup.run(true));
            } else {
                setup.run(false);
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    void released(ReadLease lease, Connection connection, boolean broken) {
        cursors.remove(lease);
        source.release(connection, ConnectionSource.Use.READ, broken);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(location());
        }
    }

    private List<String> names(String what, String prefix, String query) {
        Validation.prefix(what.substring(0, what.length() - 1) + " prefix", prefix);
        // The index gives a contiguous block of names starting with the prefix in any binary collation; the
        // block's order may be UTF-16 rather than code point order, so it is sorted here.
        List<String> names = query("listing " + what, query, ps -> ps.setString(1, prefix), rs -> {
            List<String> found = new ArrayList<>();
            while (rs.next() && rs.getString(1).startsWith(prefix)) {
                found.add(rs.getString(1));
            }
            return found;
        });
        names.sort(Names.CODE_POINT_ORDER);
        return names;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String during, String query, Binder binder, Reader<T> reader) {
        gate.readLock().lock();
        try {
            ensureOpen();
            ReadLease lease = lease(false, during);
            try (lease) {
                PreparedStatement ps = lease.prepare(query, 0);
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                throw lease.fail(e, during);
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    private <T> Stream<T> cursor(String during, String query, Binder binder, Cursor.RowMapper<T> mapper) {
        gate.readLock().lock();
        try {
            ensureOpen();
            ReadLease lease = lease(dialect.cursorsNeedTransaction(), during);
            cursors.add(lease);
            try {
                PreparedStatement ps = lease.prepare(query, dialect.fetchSize());
                binder.bind(ps);
                ResultSet rs = ps.executeQuery();
                return StreamSupport.stream(new Cursor<>(lease, rs, mapper), false).onClose(lease::close);
            } catch (SQLException e) {
                throw lease.fail(e, during);
            } catch (RuntimeException | Error e) {
                lease.close();
                throw e;
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    private ReadLease lease(boolean inTransaction, String during) {
        Connection c;
        try {
            c = source.borrow(ConnectionSource.Use.READ);
        } catch (SQLException e) {
            throw translate(e, during);
        }
        if (inTransaction) {
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                source.release(c, ConnectionSource.Use.READ, true);
                throw translate(e, during);
            }
        }
        return new ReadLease(this, c, inTransaction);
    }
}
