package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.aead.AeadConfig;

import java.security.GeneralSecurityException;

/** Registers Tink's AEAD key managers once, before any keyset is generated, parsed or turned into a primitive. */
final class TinkRegistration {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkRegistration() {
    }

    /** Runs the static registration if it has not run yet. */
    static void ensure() {
        // the class initializer does the work
    }
}
