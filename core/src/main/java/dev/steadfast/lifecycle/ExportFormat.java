package dev.steadfast.lifecycle;

/**
 * The portable export file format, version 1, written by {@link StoreExport} and read by {@link StoreImport}.
 *
 * <p>All numbers are big-endian ({@link java.io.DataOutputStream}); a <i>name</i> is modified UTF-8 with a 2-byte
 * length ({@code writeUTF}); <i>bytes</i> are a 4-byte length and the bytes. The file is:
 * <ol>
 *   <li>the 16 ASCII bytes {@code STEADFAST-EXPORT}, then the format version as a 4-byte int ({@value #VERSION});
 *   <li>frames, each a one-byte tag then its fields, in this order: every journal as {@code 'J'} (name stream,
 *       long head, long first retained sequence) followed by its entries as {@code 'E'} (long sequence, bytes
 *       payload), in sequence order; snapshots as {@code 'S'} (name key, long covered sequence, bytes payload);
 *       records as {@code 'R'} (name namespace, bytes key, bytes value); fences as {@code 'F'} (name, name owner,
 *       long epoch, name token, long lease end in ms);
 *   <li>{@code 'D'}: the source's {@link StoreDigest} (int count, then count pairs of names: unit, summary), which
 *       an import must reproduce;
 *   <li>{@code 'Z'} and the 32-byte SHA-256 of every byte of the file before that tag.
 * </ol>
 * A reader refuses another magic, a version it does not know, an unknown tag and a checksum mismatch, before
 * writing anything. A later version may add tags; it must change {@link #VERSION}.
 */
public final class ExportFormat {
    /** The format version this library writes and reads. */
    public static final int VERSION = 1;
    static final byte[] MAGIC = "STEADFAST-EXPORT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int JOURNAL = 'J';
    static final int ENTRY = 'E';
    static final int SNAPSHOT = 'S';
    static final int RECORD = 'R';
    static final int FENCE = 'F';
    static final int DIGEST = 'D';
    static final int END = 'Z';

    private ExportFormat() {
    }
}
