package io.spike.store.snapshot;

import io.spike.store.SpikeStore;
import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a snapshot of a store: its records exactly as stored (ciphertext; a snapshot never holds
 * plaintext), taken from one consistent read ({@link SpikeStore#export}).
 *
 * <p>How it streams (format 2, see {@link SnapshotFormat}): each record section is encoded into a
 * scratch file while it is hashed and counted ({@link SectionSpool}), the only time its bytes are
 * hashed; then the header (first in the file, it needs the counts) and the sections are written out
 * in order. The payloads are copied as they are; the HMAC and the whole-file digest are computed
 * over the manifest only (preamble, and each section's type, name, length and digest). Memory use
 * does not grow with the number of records; scratch space is about the size of the snapshot, and it
 * is deleted before returning.
 */
public final class SnapshotWriter {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SnapshotWriter() {}

  /**
   * Streams a consistent view of the store (one read transaction) to {@code out}, which is flushed
   * but not closed. Scratch files go to the system temporary directory.
   *
   * @return the header written
   * @throws SnapshotException when writing fails ({@link io.spike.store.StoreException} when the
   *     store does)
   */
  public static SnapshotHeader write(SpikeStore store, OutputStream out, SnapshotOptions options) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("spike-snapshot-"); // owner-only on POSIX
    } catch (IOException e) {
      throw new SnapshotException("cannot create scratch space for a snapshot: " + e, e);
    }
    try {
      return write(store, out, options, scratch);
    } finally {
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // emptied by write(); a leftover empty directory is harmless
      }
    }
  }

  /**
   * Atomic file write: a temporary file in the same directory (mode 0600), fsync, rename over
   * {@code file}, fsync of the directory. A reader sees either no file or a complete one; on any
   * failure no temporary file is left behind.
   *
   * @return the header written
   */
  public static SnapshotHeader writeFile(SpikeStore store, Path file, SnapshotOptions options) {
    return AtomicFile.write(file, (out, dir) -> write(store, out, options, dir));
  }

  /** {@code spike-snapshot-<yyyyMMdd'T'HHmmss'Z'>.snap}, in UTC. */
  public static String fileName(Instant created) {
    return "spike-snapshot-" + FILE_TIME.format(created) + ".snap";
  }

  static SnapshotHeader write(
      SpikeStore store, OutputStream out, SnapshotOptions options, Path scratchDir) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(options, "options");
    try (SpoolingVisitor spools = new SpoolingVisitor(scratchDir)) {
      store.export(spools);
      spools.finish();
      SnapshotHeader header =
          new SnapshotHeader(
              SnapshotHeader.FORMAT_VERSION,
              options.created(),
              options.backend(),
              spools.counts(),
              options.keyringTerms(),
              spools.keyCheck(),
              options.signed(),
              spools.changeLog(),
              options.recovery());
      assemble(header, spools, out, options.hmacKey());
      return header;
    } catch (IOException | UncheckedIOException e) {
      throw new SnapshotException("cannot write snapshot: " + e.getMessage(), e);
    }
  }

  private static void assemble(
      SnapshotHeader header, SpoolingVisitor spools, OutputStream target, Optional<byte[]> hmacKey)
      throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(target, 1 << 16);
    Checksums checksums = new Checksums(buffered, hmacKey);
    DataOutputStream manifest = new DataOutputStream(checksums);
    manifest.write(SnapshotFormat.MAGIC);
    manifest.writeShort(header.formatVersion());
    byte[] headerJson = HeaderJson.encode(header);
    sectionPrefix(manifest, Section.HEADER, headerJson.length);
    buffered.write(headerJson); // payload: covered by its digest only
    manifest.write(SnapshotScanner.sha256().digest(headerJson));
    for (Section section : Section.values()) {
      if (section.holdsRecords()) {
        SectionSpool spool = spools.spool(section);
        sectionPrefix(manifest, section, spool.length());
        spool.copyTo(buffered);
        manifest.write(spool.digest());
      }
    }
    sectionPrefix(manifest, Section.END, 0);
    manifest.write(SnapshotScanner.sha256().digest());
    manifest.write(checksums.finishHmac());
    buffered.write(checksums.fileDigest());
    buffered.flush();
  }

  private static void sectionPrefix(DataOutputStream out, Section section, long length)
      throws IOException {
    byte[] label = section.labelBytes();
    out.writeByte(section.type);
    out.writeByte(label.length);
    out.write(label);
    out.writeLong(length);
  }

  /**
   * Feeds the manifest (every byte written through it) to the whole-file SHA-256 and, until
   * finished, to the HMAC; payloads bypass it.
   */
  private static final class Checksums extends FilterOutputStream {
    private final MessageDigest sha = SnapshotScanner.sha256();
    private final Mac mac;

    Checksums(OutputStream out, Optional<byte[]> hmacKey) {
      super(out);
      this.mac = hmacKey.map(Checksums::mac).orElse(null);
    }

    private static Mac mac(byte[] key) {
      try {
        Mac mac = Mac.getInstance(SnapshotFormat.HMAC_ALGORITHM);
        mac.init(new SecretKeySpec(key, SnapshotFormat.HMAC_ALGORITHM));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      if (mac != null) {
        mac.update(b, off, len);
      }
    }

    /** The HMAC of everything so far (zeros when unsigned); later bytes reach the digest only. */
    byte[] finishHmac() {
      return mac == null ? new byte[SnapshotFormat.DIGEST_BYTES] : mac.doFinal();
    }

    byte[] fileDigest() {
      return sha.digest();
    }
  }
}
