package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Reads, creates and rewrites Tink JSON keyset files, in clear (development) or encrypted under a key-encryption
 * key. Encrypted keysets use empty associated data, as Tinkey writes them, so either tool can manage the file.
 */
final class KeysetFiles {
    private static final byte[] KEYSET_AD = new byte[0];

    static {
        TinkRegistration.ensure();
    }

    private KeysetFiles() {
    }

    /**
     * Reads the keyset at {@code file}; {@code kek} null means a cleartext keyset, which is refused when group or
     * others may read it (as OpenSSH and libpq refuse such private keys): a warning would leave the keys exposed.
     */
    static KeysetHandle read(Path file, Aead kek) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StoreConfigurationException("keyset file " + file + " does not exist (add createKeyset=true"
                    + " to create a development keyset, or point keyset= at the right file)", e);
        } catch (CharacterCodingException e) {
            // The JDK's own message ("Input length = 1") names neither the file nor what was expected.
            throw new StoreConfigurationException("keyset file " + file + " is not a keyset: expected a Tink JSON"
                    + " keyset (UTF-8 text), found bytes that are not UTF-8", e);
        } catch (IOException e) {
            throw new StoreConfigurationException("keyset file " + file + " cannot be read: " + e.getMessage(), e);
        }
        KeysetHandle keyset;
        try {
            keyset = kek == null
                    ? TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
                    : TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, KEYSET_AD);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new StoreConfigurationException("keyset file " + file + " is not a valid "
                    + (kek == null ? "cleartext Tink JSON keyset" : "Tink JSON keyset encrypted under the given KEK")
                    + ": " + e.getMessage(), e);
        }
        if (kek == null) {
            requirePrivate(file);
        }
        return keyset;
    }

    private static void requirePrivate(Path file) {
        try {
            if (PrivateFiles.exposed(file)) {
                throw new StoreConfigurationException("cleartext keyset file " + file + " has permissions "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + ": other users may "
                        + "read its key material; restrict it to its owner (chmod 600 " + file + ") or encrypt it "
                        + "under a KEK");
            }
        } catch (IOException e) {
            throw new StoreConfigurationException("cannot read the permissions of keyset file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads the keyset at {@code file}, first creating it with one fresh XAES-256-GCM key if it is absent. */
    static KeysetHandle readOrCreate(Path file, Aead kek) {
        if (!Files.exists(file)) {
            try {
                write(file, KeysetHandle.generateNew(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE), kek, true);
            } catch (GeneralSecurityException e) {
                throw new StoreConfigurationException("cannot generate a keyset for " + file + ": " + e.getMessage(), e);
            } catch (StoreConfigurationException e) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                // another opener created it meanwhile: its key is the one to use, read below
            }
        }
        return read(file, kek);
    }

    /** The KEK held, in clear, by the keyset file {@code file}. */
    static Aead kekFrom(Path file) {
        try {
            return read(file, null).getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new StoreConfigurationException("KEK keyset " + file + " does not give an AEAD: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code keyset} to {@code file} atomically (random exclusive temp file, fsync, rename, directory fsync);
     * a new file is owner-only, a replaced one keeps its mode.
     *
     * @param createOnly fail instead of replacing an existing file
     */
    static void write(Path file, KeysetHandle keyset, Aead kek, boolean createOnly) {
        String json;
        try {
            json = kek == null
                    ? TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get())
                    : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, KEYSET_AD);
        } catch (GeneralSecurityException e) {
            throw new StoreConfigurationException("cannot serialize keyset for " + file + ": " + e.getMessage(), e);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            PrivateFiles.createDirectories(parent);
            if (!createOnly) {
                PrivateFiles.replace(file, json.getBytes(StandardCharsets.UTF_8));
            } else if (!PrivateFiles.createNew(file, json.getBytes(StandardCharsets.UTF_8))) {
                throw new StoreConfigurationException("keyset file " + file + " already exists");
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot write keyset file " + file + ": " + e.getMessage(), e);
        }
    }
}
