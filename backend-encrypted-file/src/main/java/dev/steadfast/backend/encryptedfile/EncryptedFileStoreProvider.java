package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.spi.RepairReport;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Opens {@code encrypted-file:} stores: a directory of append-only segment files in which every write batch is
 * one record sealed with a Tink AEAD, plus an authenticated manifest. See the package documentation for the
 * format, the tamper evidence it gives, its limits and the key rotation procedure.
 *
 * <p>URI: {@code encrypted-file:<directory>?keyset=<file>[&kek=<file>][&createKeyset=true][&segmentBytes=<n>]}
 * <ul>
 *   <li>{@code keyset} - a Tink JSON keyset file. Without {@code kek} it is a <b>cleartext keyset: for development
 *       only</b>, since anyone who can read that file can read and forge the store.</li>
 *   <li>{@code kek} - a Tink JSON keyset file holding the key-encryption key; the {@code keyset} file is then
 *       encrypted under it. In production, prefer {@link #open(Path, Path, Aead)} with a KMS-backed {@link Aead}.</li>
 *   <li>{@code createKeyset=true} - creates the keyset file with one fresh XAES-256-GCM key when it does not exist
 *       (refused when the store already exists: a new key cannot read it).</li>
 *   <li>{@code segmentBytes} - the size at which the active segment is sealed and a new one started
 *       (default 64 MiB).</li>
 *   <li>{@code readOnly=true} - checks and reads the store but changes nothing on disk (no torn-write cut, no
 *       format migration, no clean-up) and refuses every write; never creates a store or keyset.</li>
 * </ul>
 * A wrong or missing keyset fails the open with a {@link StoreConfigurationException} or
 * {@link dev.steadfast.spi.CorruptStoreException} naming what failed; nothing on disk is changed by it.
 */
public final class EncryptedFileStoreProvider implements StoreProvider {
    private static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    private static final Set<String> OPTIONS = Set.of("keyset", "kek", "createKeyset", "segmentBytes", "readOnly");

    /** For {@link java.util.ServiceLoader}; cheap. */
    public EncryptedFileStoreProvider() {
    }

    @Override
    public String scheme() {
        return "encrypted-file";
    }

    @Override
    public String description() {
        return "Tink-encrypted append-only segment files (dev.steadfast:steadfast-backend-encrypted-file)";
    }

    @Override
    public Store open(StoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " has scheme '" + spec.scheme()
                    + "', this provider opens '" + scheme() + ":' stores");
        }
        spec.requireKnownOptions(OPTIONS);
        Path dir = path(spec.location(), "location of store " + spec);
        long segmentBytes = spec.longOption("segmentBytes", DEFAULT_SEGMENT_BYTES, 4096, 1L << 30);
        boolean readOnly = spec.booleanOption("readOnly", false);
        return openStore(dir, cipher(spec, dir, !readOnly && spec.booleanOption("createKeyset", false)), segmentBytes,
                readOnly);
    }

    /**
     * Quarantines what open refuses and leaves a store that opens: see the module README ("Repair"). The keyset
     * is never created here.
     */
    @Override
    public RepairReport repair(StoreSpec spec, boolean dryRun) {
        Objects.requireNonNull(spec, "spec");
        spec.requireKnownOptions(OPTIONS);
        Path dir = path(spec.location(), "location of store " + spec);
        if (!Files.isRegularFile(dir.resolve(Format.MANIFEST))) {
            throw new StoreConfigurationException("store " + spec + " has no " + dir.resolve(Format.MANIFEST)
                    + ": not an encrypted-file store (repair needs its authentic manifest)");
        }
        return new Repair(dir, cipher(spec, dir, false), Clock.systemUTC()).run(spec.toString(), dryRun);
    }

    private static RecordCipher cipher(StoreSpec spec, Path dir, boolean createKeyset) {
        Path keysetFile = path(spec.option("keyset").orElseThrow(() -> new StoreConfigurationException("store "
                + spec + " needs option keyset=<Tink JSON keyset file>")), "keyset of store " + spec);
        Aead kek = spec.option("kek").map(k -> KeysetFiles.kekFrom(path(k, "kek of store " + spec))).orElse(null);
        KeysetHandle keyset;
        if (createKeyset && !Files.exists(keysetFile)) {
            if (Files.exists(dir.resolve(Format.MANIFEST))) {
                throw new StoreConfigurationException("keyset file " + keysetFile + " does not exist but store "
                        + dir + " does; refusing to create a new keyset that could not read it");
            }
            keyset = KeysetFiles.readOrCreate(keysetFile, kek);
        } else {
            keyset = KeysetFiles.read(keysetFile, kek);
        }
        return new RecordCipher(keyset, keysetFile.toString());
    }

    /**
     * Opens (creating if needed) the store in {@code directory} with a keyset already in hand, for example one
     * read from a secret manager.
     *
     * @param directory the store's directory, created if absent
     * @param keyset    the Tink keyset whose primary key seals new records; it must hold every key older records
     *                  were sealed with
     * @return the open store, which the caller closes
     * @throws dev.steadfast.spi.StoreException if the directory holds a store this keyset cannot open, or cannot
     *                                          be read or written
     */
    public static Store open(Path directory, KeysetHandle keyset) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(keyset, "keyset");
        return openStore(directory, new RecordCipher(keyset, "(given in code)"), DEFAULT_SEGMENT_BYTES, false);
    }

    /**
     * Opens (creating if needed) the store in {@code directory} with the keyset in {@code encryptedKeysetFile},
     * encrypted under {@code kek} (for example a KMS key obtained from a Tink {@code KmsClient}).
     *
     * @param directory           the store's directory, created if absent
     * @param encryptedKeysetFile a Tink JSON keyset file encrypted under {@code kek}; it must exist
     * @param kek                 the key-encryption key that opens the keyset file
     * @return the open store, which the caller closes
     * @throws dev.steadfast.spi.StoreException if the keyset file cannot be read or opened with {@code kek}, or the
     *                                          store cannot be opened with it
     */
    public static Store open(Path directory, Path encryptedKeysetFile, Aead kek) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(encryptedKeysetFile, "encryptedKeysetFile");
        Objects.requireNonNull(kek, "kek");
        return openStore(directory, new RecordCipher(KeysetFiles.read(encryptedKeysetFile, kek),
                encryptedKeysetFile.toString()), DEFAULT_SEGMENT_BYTES, false);
    }

    /**
     * Rewrites the live state of an open encrypted-file store into a new segment sealed under the keyset's current
     * primary key and retires every older segment atomically. Writers wait while it runs; readers do not. The same
     * as {@link Store#reclaimSpace()}, which also reaches the store through wrappers (group commit, a
     * {@code ForwardingStore}) and is what {@code steadfast compact} calls.
     *
     * @param store a store opened by this provider, not closed
     * @throws IllegalArgumentException if {@code store} was not opened by this provider
     */
    public static void compact(Store store) {
        Objects.requireNonNull(store, "store");
        if (!(store instanceof EncryptedFileStore s)) {
            throw new IllegalArgumentException("store " + store + " is not an encrypted-file store");
        }
        Compactor.compact(s);
    }

    /**
     * Adds a fresh XAES-256-GCM key to the keyset file, <em>not</em> primary, and returns its key id. Step one of
     * rotation: roll the new file out to every reader before {@link #promoteKey promoting} the key. The file is
     * replaced atomically, keeping its permissions.
     *
     * @param keysetFile the keyset file the store's readers and writers use
     * @param kek        the key-encryption key of the file, or {@code null} for a cleartext (development) keyset
     * @return the new key's id, to pass to {@link #promoteKey} once every reader has the file
     */
    public static int addKey(Path keysetFile, Aead kek) {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(KeysetFiles.read(keysetFile, kek));
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE)
                .withRandomId());
        KeysetHandle updated = build(builder, keysetFile);
        KeysetFiles.write(keysetFile, updated, kek, false);
        return updated.getAt(updated.size() - 1).getId();
    }

    /**
     * Makes key {@code keyId} of the keyset file primary: new records are sealed with it, older ones still open
     * with their own key until {@link #compact compaction} re-seals them. The file is replaced atomically.
     *
     * @param keysetFile the keyset file the store's readers and writers use
     * @param kek        the key-encryption key of the file, or {@code null} for a cleartext (development) keyset
     * @param keyId      the id {@link #addKey} returned
     * @throws IllegalArgumentException if the file holds no key with that id
     */
    public static void promoteKey(Path keysetFile, Aead kek, int keyId) {
        KeysetHandle current = KeysetFiles.read(keysetFile, kek);
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
        builder.getAt(indexOf(current, keyId, keysetFile)).makePrimary();
        KeysetFiles.write(keysetFile, build(builder, keysetFile), kek, false);
    }

    /**
     * Deletes key {@code keyId} from the keyset file. Only safe once a compaction under a newer primary has
     * finished: records still sealed with the deleted key can no longer be opened. The file is replaced
     * atomically.
     *
     * @param keysetFile the keyset file the store's readers and writers use
     * @param kek        the key-encryption key of the file, or {@code null} for a cleartext (development) keyset
     * @param keyId      the id of a key that is no longer primary
     * @throws IllegalArgumentException if the file holds no key with that id, or it is the primary key
     */
    public static void removeKey(Path keysetFile, Aead kek, int keyId) {
        KeysetHandle current = KeysetFiles.read(keysetFile, kek);
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
        int i = indexOf(current, keyId, keysetFile);
        if (builder.getAt(i).isPrimary()) {
            throw new IllegalArgumentException("key " + keyId + " is the primary key of " + keysetFile);
        }
        builder.deleteAt(i);
        KeysetFiles.write(keysetFile, build(builder, keysetFile), kek, false);
    }

    private static int indexOf(KeysetHandle current, int keyId, Path file) {
        for (int i = 0; i < current.size(); i++) {
            if (current.getAt(i).getId() == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("keyset " + file + " holds no key with id " + keyId);
    }

    private static KeysetHandle build(KeysetHandle.Builder builder, Path file) {
        try {
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new StoreConfigurationException("cannot update keyset " + file + ": " + e.getMessage(), e);
        }
    }

    private static Store openStore(Path dir, RecordCipher cipher, long segmentBytes, boolean readOnly) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreConfigurationException("encrypted-file store location " + dir + " is not a directory");
        }
        if (readOnly && !Files.isDirectory(dir)) {
            throw new StoreConfigurationException("encrypted-file store " + dir + " does not exist; a read-only open"
                    + " never creates one");
        }
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreIOException("cannot create store directory " + dir + ": " + e.getMessage(), e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            EncryptedFileStore store = new EncryptedFileStore(dir, cipher, segmentBytes, lock,
                    new Recovery(dir, cipher, readOnly).open());
            if (store.writer.sealed() && !readOnly) {
                store.writerLock.lock();
                try {
                    store.roll();
                } finally {
                    store.writerLock.unlock();
                }
            }
            return store;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Path path(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw new StoreConfigurationException(what + " is empty; expected a path");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new StoreConfigurationException(what + " '" + raw + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
