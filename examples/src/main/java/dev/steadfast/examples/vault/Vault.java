package dev.steadfast.examples.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.backend.encryptedfile.EncryptedFileStoreProvider;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Secrets kept in an {@code encrypted-file:} store whose keyset is itself encrypted under a key-encryption key
 * (KEK): the vault directory and the keyset file are useless without the KEK, which in production lives in a KMS.
 *
 * <p>{@link #rotate()} replaces the data key while the vault is in use: add a key, promote it, compact (re-seal
 * everything under it), remove the old one. The store reads its keyset when it opens, so after each keyset change
 * the vault swaps its store handle for a fresh one; callers wait for that swap (milliseconds), never fail.
 */
public final class Vault implements AutoCloseable {
    private static final String SECRETS = "secrets";
    private static final byte[] KEYSET_AD = new byte[0]; // what the backend and Tinkey use for keyset files

    private final Path directory;
    private final Path keysetFile;
    private final Aead kek;
    private final ReadWriteLock handle = new ReentrantReadWriteLock();
    private Store store;

    private Vault(Path directory, Path keysetFile, Aead kek) {
        this.directory = directory;
        this.keysetFile = keysetFile;
        this.kek = kek;
        this.store = EncryptedFileStoreProvider.open(directory, keysetFile, kek);
    }

    /** Opens the vault in {@code directory}, creating it and its KEK-encrypted keyset file when absent. */
    public static Vault open(Path directory, Path keysetFile, Aead kek) throws IOException, GeneralSecurityException {
        if (!Files.exists(keysetFile)) {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE);
            writeOwnerOnly(keysetFile, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, KEYSET_AD));
        }
        return new Vault(directory, keysetFile, kek);
    }

    /**
     * A KEK kept in a local owner-only file, created when absent: a stand-in for a KMS key
     * ({@code KmsClient.getAead(keyUri)}) so that the example runs anywhere. Never keep it beside the vault.
     */
    public static Aead localKek(Path kekFile) throws IOException, GeneralSecurityException {
        AeadConfig.register();
        if (!Files.exists(kekFile)) {
            KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            writeOwnerOnly(kekFile, TinkJsonProtoKeysetFormat.serializeKeyset(fresh,
                    InsecureSecretKeyAccess.get()));
        }
        KeysetHandle kek = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(kekFile),
                InsecureSecretKeyAccess.get());
        return kek.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** Stores {@code value} under {@code name}, durably. */
    public void put(String name, String value) {
        withStore(() -> store.apply(WriteBatch.builder()
                .putRecord(SECRETS, RecordKey.of(name), value.getBytes(StandardCharsets.UTF_8)).build()));
    }

    /** The secret stored under {@code name}, if any. */
    public Optional<String> get(String name) {
        return withStore(() -> store.getRecord(SECRETS, RecordKey.of(name))
                .map(b -> new String(b, StandardCharsets.UTF_8)));
    }

    /** The ids of the keys in the keyset file, primary first. */
    public List<Integer> keyIds() throws IOException, GeneralSecurityException {
        KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(Files.readString(keysetFile), kek,
                KEYSET_AD);
        int primary = keyset.getPrimary().getId();
        return Stream.concat(Stream.of(primary), IntStream.range(0, keyset.size())
                .map(i -> keyset.getAt(i).getId()).filter(id -> id != primary).boxed()).toList();
    }

    /**
     * Rotates the data key in the documented order, while other threads keep using the vault.
     *
     * @return the new primary key's id; the old key is gone from the keyset file
     */
    public int rotate() throws IOException, GeneralSecurityException {
        int old = keyIds().get(0);
        int fresh = EncryptedFileStoreProvider.addKey(keysetFile, kek);
        reopen(); // every process must know the new key before anything is sealed with it
        EncryptedFileStoreProvider.promoteKey(keysetFile, kek, fresh);
        reopen(); // new writes are sealed with the new key
        withStore(() -> {
            EncryptedFileStoreProvider.compact(store); // re-seals old records; writers wait inside
            return null;
        });
        EncryptedFileStoreProvider.removeKey(keysetFile, kek, old);
        reopen();
        return fresh;
    }

    @Override
    public void close() {
        handle.writeLock().lock();
        try {
            store.close();
        } finally {
            handle.writeLock().unlock();
        }
    }

    private void reopen() {
        handle.writeLock().lock();
        try {
            store.close();
            store = EncryptedFileStoreProvider.open(directory, keysetFile, kek);
        } finally {
            handle.writeLock().unlock();
        }
    }

    private <T> T withStore(Supplier<T> body) {
        handle.readLock().lock();
        try {
            return body.get();
        } finally {
            handle.readLock().unlock();
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
