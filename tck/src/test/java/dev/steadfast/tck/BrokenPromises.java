package dev.steadfast.tck;

import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/** Stores that break a promise of their descriptor: a secret in the location, encryption that trusts its files. */
final class BrokenPromises {
    private BrokenPromises() {
    }

    /** Prints whatever location it is given, as a store echoing its URI with {@code password=} would. */
    static final class PrintsItsUri extends ForwardingStore {
        private final StoreDescriptor descriptor;

        PrintsItsUri(Store delegate, String location) {
            super(delegate);
            StoreDescriptor d = delegate.descriptor();
            descriptor = new StoreDescriptor(d.scheme(), location, d.durable(), d.sharedAcrossProcesses(),
                    d.encrypted(), d.maxPayloadBytes(), d.validatesBeforeWriting());
        }

        @Override
        public StoreDescriptor descriptor() {
            return descriptor;
        }
    }

    /**
     * Declares itself encrypted and keeps snapshot payloads in files under {@code dir}, scrambled so nothing shows
     * in the clear, but without any authentication: a changed byte is read back as a changed payload.
     */
    static final class TrustsItsFiles extends InjectedFaults.OneByOne {
        private final Path dir;

        TrustsItsFiles(Store delegate, Path dir) {
            super(delegate);
            this.dir = dir;
        }

        @Override
        public synchronized WriteResult apply(WriteBatch batch) {
            WriteResult result = super.apply(batch);
            if (result.isCommitted()) {
                for (WriteOp op : batch.operations()) {
                    if (op instanceof WriteOp.PutSnapshot p) {
                        write(file(p.snapshot().key()), scramble(p.snapshot().payload()));
                    } else if (op instanceof WriteOp.DeleteSnapshot d) {
                        delete(file(d.key()));
                    }
                }
            }
            return result;
        }

        @Override
        public synchronized Optional<Snapshot> loadSnapshot(String key) {
            Path file = file(key);
            return super.loadSnapshot(key).map(s -> Files.exists(file)
                    ? new Snapshot(key, s.coveredSequence(), scramble(read(file))) : s);
        }

        private Path file(String key) {
            return dir.resolve("snapshot-" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)));
        }

        private static byte[] scramble(byte[] bytes) {
            byte[] out = bytes.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] ^= (byte) (0x3c + i);
            }
            return out;
        }

        private static void write(Path file, byte[] bytes) {
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void delete(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
