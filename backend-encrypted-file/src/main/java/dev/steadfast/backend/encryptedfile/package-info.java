/**
 * The {@code encrypted-file:} backend: Steadfast state on plain disks that others can read, where nothing stored
 * is readable without the key and no change to the files goes unnoticed.
 *
 * <h2>Format</h2>
 * A store is a directory of segment files ({@code segment-NNNNNNNNNNNN.seg}), a {@code MANIFEST} and a
 * {@code LOCK} file. Every write batch is one record, sealed with Tink {@code Aead} under the keyset's primary
 * key (XAES-256-GCM with 192-bit nonces by default, or XChaCha20-Poly1305: both safe for very many messages per
 * key, unlike AES-GCM with random 96-bit nonces). A group of batches given to {@code applyAll} becomes one record
 * per batch and one {@code fdatasync} for the group. Each record is framed as
 * {@code length | CRC32C | sequence | type | previous chain hash | ciphertext}, and its associated data binds the
 * format version, the store id, the segment id, the segment's random epoch, the record's sequence, its type and
 * the SHA-256 hash chain over the records before it. So a record that is changed, reordered, dropped from the
 * middle, or spliced in from another segment or store fails to open.
 *
 * <p>A sealed (full) segment ends with an encrypted seal record (first sequence and record count). The manifest
 * is encrypted too and lists the live segments with their epochs, where the chain starts, a high-water mark (last
 * sequence and chain hash) that the segments must reach on open, and the segments a compaction retired. It is
 * written with a random, exclusively created temp file, fsync, atomic rename and directory fsync on every segment
 * roll, compaction and clean close, and every 64 commit groups or 1 s. After each manifest write the next record
 * in the active segment is a checkpoint carrying the manifest's generation, so a manifest older than the segments
 * is detected. New segments are created as {@code pending-NNNNNNNNNNNN.seg} and renamed only after the manifest
 * that lists them is durable.
 *
 * <p>On open, every record is authenticated and replayed into an in-memory index (journal entry locations,
 * records, snapshots, fences); journal reads then stream entries from disk and decrypt them. Only damage in the
 * newest segment, after the high-water mark, with no valid (whole, CRC-checked, authentic) frame after it, counts
 * as a torn write from a crash: it is truncated. Any other damage, any authentication failure, any segment file
 * the manifest does not list (except retired ones it names) refuses the open with a
 * {@link dev.steadfast.spi.CorruptStoreException} naming the file and offset; nothing is repaired silently and
 * nothing is changed by a refused open. An explicit repair ({@code Repair}, reached through
 * {@link dev.steadfast.spi.StoreProvider#repair}) keeps the longest intact run of records and quarantines the rest
 * beside the store; see the module README.
 *
 * <p>Format version 2 is written; version 1 is read (the version in a segment's header is the one bound into its
 * records' associated data), and a read-write open migrates a version-1 store by rewriting only its manifest
 * ({@code VersionMigration}).
 *
 * <h2>Limits of the tamper evidence</h2>
 * <ul>
 *   <li><b>Rollback of the whole directory</b> (replacing every file with an older, consistent copy) cannot be
 *       detected from the directory alone: the older copy is authentic. Detecting it needs trusted state outside
 *       the directory, for example the last high-water mark kept elsewhere (another store, a KMS-signed counter).</li>
 *   <li>Records written after the last manifest write (at most the last 63 commit groups, see the module README)
 *       are covered by the hash chain but not by the high-water mark: after a crash, removing whole records from
 *       the very end of the active segment looks like a crash that happened earlier, and damage to the very last
 *       record is cut as a torn write.</li>
 *   <li>Sizes, timing and the number of records are visible to anyone who can read the files.</li>
 * </ul>
 *
 * <h2>Keys and rotation</h2>
 * Keysets are Tink JSON keysets. A cleartext keyset file is for development only: whoever reads it can read and
 * forge the store. In production, encrypt the keyset under a key-encryption key (KEK): another keyset file
 * ({@code kek=}) or, better, a Tink {@code Aead} backed by a KMS passed to
 * {@link dev.steadfast.backend.encryptedfile.EncryptedFileStoreProvider#open(java.nio.file.Path,
 * java.nio.file.Path, com.google.crypto.tink.Aead)}. Rotate in this order:
 * <ol>
 *   <li>{@code addKey}: add a new key, not primary, and roll the keyset out to every process that opens the
 *       store (they can now read records sealed with it);</li>
 *   <li>{@code promoteKey}: make it primary; new records and manifests are sealed with it, older records still
 *       open with their own key;</li>
 *   <li>{@code compact}: rewrites the live state sealed under the new primary and retires the old segments;</li>
 *   <li>{@code removeKey}: only now remove the old key. Removing it earlier makes the store refuse to open,
 *       naming the missing key id.</li>
 * </ol>
 *
 * <h2>Sharing</h2>
 * A store is opened by one process (one handle) at a time; a {@code LOCK} file with an OS file lock refuses a
 * second opener with a clear message. The descriptor says so ({@code sharedAcrossProcesses=false}).
 */
package dev.steadfast.backend.encryptedfile;
