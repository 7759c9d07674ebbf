package dev.steadfast.examples.vault;

import com.google.crypto.tink.Aead;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores secrets in a {@link Vault}, rotates its data key while a second thread keeps storing more, and reads
 * everything back.
 *
 * <p>Usage: {@code VaultDemo VAULT_DIR KEYSET_FILE KEK_FILE}. Prints the key ids before and after, and how many
 * secrets were written during the rotation and are readable afterwards.
 */
public final class VaultDemo {
    private VaultDemo() {
    }

    /** Runs the demo; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: VaultDemo VAULT_DIR KEYSET_FILE KEK_FILE");
            System.exit(2);
        }
        Aead kek = Vault.localKek(Path.of(args[2]));
        try (Vault vault = Vault.open(Path.of(args[0]), Path.of(args[1]), kek)) {
            vault.put("db-password", "correct horse battery staple");
            System.out.println("keys before: " + vault.keyIds());
            AtomicBoolean rotating = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (rotating.get()) {
                    int i = written.get();
                    vault.put("token-" + i, "value-" + i);
                    written.incrementAndGet();
                }
            }, "vault-writer");
            writer.start();
            int fresh = vault.rotate();
            rotating.set(false);
            writer.join();
            int readable = 0;
            for (int i = 0; i < written.get(); i++) {
                readable += vault.get("token-" + i).equals(Optional.of("value-" + i)) ? 1 : 0;
            }
            System.out.println("keys after: " + vault.keyIds() + " (new primary " + fresh + ")");
            System.out.println(written.get() + " secrets written during the rotation, " + readable + " readable");
        }
    }
}
