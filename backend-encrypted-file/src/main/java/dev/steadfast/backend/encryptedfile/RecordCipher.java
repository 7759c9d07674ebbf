package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.XAesGcmParameters;
import com.google.crypto.tink.aead.XChaCha20Poly1305Parameters;
import dev.steadfast.spi.StoreConfigurationException;

import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Set;

/**
 * The keyset's AEAD, plus what is needed to say which key a ciphertext names when it fails to open.
 *
 * <p>Only primitives safe for very many messages per key may be primary: XAES-256-GCM (192-bit nonces) or
 * XChaCha20-Poly1305. AES-GCM with random 96-bit nonces is limited to about 2^32 messages per key, which a busy
 * store reaches.
 */
final class RecordCipher {
    static {
        TinkRegistration.ensure();
    }

    private final Aead aead;
    private final Set<Integer> keyIds = new HashSet<>();
    private final int primaryKeyId;
    private final String keysetName;

    RecordCipher(KeysetHandle keyset, String keysetName) {
        this.keysetName = keysetName;
        KeysetHandle.Entry primary;
        try {
            primary = keyset.getPrimary();
        } catch (IllegalStateException e) {
            // Tink parses a keyset whose primary key id names no key, and only fails here.
            throw new StoreConfigurationException("keyset " + keysetName + " has no usable primary key ("
                    + e.getMessage() + "): the file was damaged or edited; restore it from its backup", e);
        }
        var parameters = primary.getKey().getParameters();
        if (!(parameters instanceof XAesGcmParameters) && !(parameters instanceof XChaCha20Poly1305Parameters)) {
            throw new StoreConfigurationException("keyset " + keysetName + " has primary key " + primary.getId()
                    + " of type " + parameters + "; encrypted-file: needs XAES-256-GCM (192-bit nonce) or"
                    + " XChaCha20-Poly1305, which are safe for very many records per key");
        }
        for (int i = 0; i < keyset.size(); i++) {
            keyIds.add(keyset.getAt(i).getId());
        }
        primaryKeyId = primary.getId();
        try {
            aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new StoreConfigurationException("keyset " + keysetName + " does not give an AEAD: " + e.getMessage(), e);
        }
    }

    byte[] seal(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    byte[] open(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    int primaryKeyId() {
        return primaryKeyId;
    }

    String keysetName() {
        return keysetName;
    }

    /** The key id a Tink-prefixed ciphertext names, or null when it carries no such prefix. */
    static Integer keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
            return null;
        }
        return ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16) | ((ciphertext[3] & 0xff) << 8)
                | (ciphertext[4] & 0xff);
    }

    /** Whether a failure to open {@code ciphertext} is explained by a key missing from the keyset. */
    boolean lacksKeyFor(byte[] ciphertext) {
        Integer id = keyIdOf(ciphertext);
        return id != null && !keyIds.contains(id);
    }

    /** A message for a ciphertext sealed under a key this keyset does not hold. */
    String missingKeyMessage(String what, byte[] ciphertext) {
        return what + " is sealed with key id " + Integer.toUnsignedString(keyIdOf(ciphertext))
                + ", which keyset " + keysetName + " does not hold (keys " + keyIds
                + "): wrong keyset, or a key removed before compaction re-sealed everything under the new primary";
    }
}
