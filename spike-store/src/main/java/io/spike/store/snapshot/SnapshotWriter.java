package io.spike.store.snapshot;

import io.spike.store.ChangeLogPosition;
import io.spike.store.SpikeStore;
import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a snapshot of a store: its records exactly as stored (ciphertext; a snapshot never holds
 * plaintext), taken from one consistent read ({@link SpikeStore#export}).
 *
 * <p>How it streams (format 2, see {@link SnapshotFormat}): {@link #writeFile} writes the file in
 * one pass, each record section straight from the export while it is hashed and counted (the only
 * time its bytes are hashed), then writes the header (first in the file, it needs the counts) and
 * the section lengths back into place. {@link #write} to a stream encodes each section into a
 * scratch file first ({@link SectionSpool}; scratch space about the size of the snapshot, deleted
 * before returning), then writes header and sections in order. The HMAC and the whole-file digest
 * are computed over the manifest only (preamble, and each section's type, name, length and digest).
 * Memory use does not grow with the number of records.
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
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(options, "options");
    return AtomicFile.write(
        file,
        (channel, dir) -> {
          try {
            return writeInPlace(store, channel, options);
          } catch (HeaderOutgrown e) {
            // Rare (a key check over RESERVED_KEY_CHECK_BYTES): start again, spooling.
            channel.truncate(0);
            channel.position(0);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            SnapshotHeader header = write(store, out, options, dir);
            out.flush();
            return header;
          } catch (UncheckedIOException e) {
            throw new SnapshotException("cannot write snapshot: " + e.getMessage(), e);
          }
        });
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
      SnapshotHeader header = header(options, spools);
      assemble(header, spools, out, options.hmacKey());
      return header;
    } catch (IOException | UncheckedIOException e) {
      throw new SnapshotException("cannot write snapshot: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the snapshot file in one pass, without scratch files: a header slot sized for the
   * largest header these options can give, then each record section straight from the export
   * ({@link StreamingVisitor}), the end section and the trailer; then the header (its JSON padded
   * with spaces to the slot, which JSON allows) and the section lengths are written back into
   * place. The manifest is hashed at the end, in file order, from the lengths and digests kept.
   *
   * @throws HeaderOutgrown when the header does not fit its slot (nothing returned is usable)
   */
  private static SnapshotHeader writeInPlace(
      SpikeStore store, FileChannel channel, SnapshotOptions options) throws IOException {
    byte[] headerLabel = Section.HEADER.labelBytes();
    long headerLengthAt = SnapshotFormat.PREAMBLE_BYTES + 2 + headerLabel.length;
    int slot = HeaderJson.encode(largestHeader(options)).length;
    BackgroundWriter file = new BackgroundWriter(channel);
    try {
      return writeThrough(store, channel, options, file, headerLengthAt, slot);
    } finally {
      file.abort(); // nothing left to drop once finished; stops the writer on any failure
    }
  }

  /** {@link #writeInPlace}'s work, the file's bytes in order going through {@code file}. */
  private static SnapshotHeader writeThrough(
      SpikeStore store,
      FileChannel channel,
      SnapshotOptions options,
      BackgroundWriter file,
      long headerLengthAt,
      int slot)
      throws IOException {
    long headerAt = headerLengthAt + Long.BYTES;
    DataOutputStream out = new DataOutputStream(file);
    out.write(SnapshotFormat.MAGIC);
    out.writeShort(SnapshotHeader.FORMAT_VERSION);
    sectionPrefix(out, Section.HEADER, slot);
    out.write(new byte[slot + SnapshotFormat.DIGEST_BYTES]); // header and its digest: written back
    StreamingVisitor sections =
        new StreamingVisitor(file, headerAt + slot + SnapshotFormat.DIGEST_BYTES);
    store.export(sections);
    sections.finish();
    sectionPrefix(out, Section.END, 0);
    out.write(SnapshotScanner.sha256().digest());

    SnapshotHeader header = header(options, sections);
    byte[] json = HeaderJson.encode(header);
    if (json.length > slot) {
      throw new HeaderOutgrown();
    }
    byte[] headerPayload = Arrays.copyOf(json, slot);
    Arrays.fill(headerPayload, json.length, slot, (byte) ' ');
    byte[] headerDigest = SnapshotScanner.sha256().digest(headerPayload);

    // The manifest's bytes are in the file already (or written back below): only hashed here.
    Trailer trailer =
        manifest(
            new Checksums(OutputStream.nullOutputStream(), options.hmacKey()),
            section -> {
              if (section == Section.HEADER) {
                return new Part(slot, headerDigest);
              }
              StreamingVisitor.Written w = sections.written(section);
              return new Part(w.length(), w.digest());
            },
            section -> {});
    out.write(trailer.hmac());
    out.write(trailer.fileDigest());
    file.finish(); // every byte at its place before the header and lengths are written back

    writeAt(channel, headerAt, headerPayload);
    writeAt(channel, headerAt + slot, headerDigest);
    for (Section section : Section.values()) {
      if (section.holdsRecords()) {
        StreamingVisitor.Written w = sections.written(section);
        writeAt(channel, w.lengthAt(), ByteBuffer.allocate(Long.BYTES).putLong(w.length()).array());
      }
    }
    return header;
  }

  /**
   * The header's slot is sized by this: every count and the change-log sequence at their widest.
   */
  private static SnapshotHeader largestHeader(SnapshotOptions options) {
    SnapshotCounts widest =
        new SnapshotCounts(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    return new SnapshotHeader(
        SnapshotHeader.FORMAT_VERSION,
        options.created(),
        options.backend(),
        widest,
        options.keyringTerms(),
        new byte[RESERVED_KEY_CHECK_BYTES],
        options.signed(),
        Optional.of(new ChangeLogPosition("x".repeat(64), Long.MAX_VALUE)),
        options.recovery());
  }

  /** Key-check bytes the header slot has room for (Nexus's is an AES-GCM block of 60 bytes). */
  static final int RESERVED_KEY_CHECK_BYTES = 1024;

  private static SnapshotHeader header(SnapshotOptions options, SectionedVisitor sections) {
    return new SnapshotHeader(
        SnapshotHeader.FORMAT_VERSION,
        options.created(),
        options.backend(),
        sections.counts(),
        options.keyringTerms(),
        sections.keyCheck(),
        options.signed(),
        sections.changeLog(),
        options.recovery());
  }

  private static void writeAt(FileChannel channel, long position, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer, position + buffer.position());
    }
  }

  /** The header came out larger than the slot reserved for it. */
  private static final class HeaderOutgrown extends IOException {
    private static final long serialVersionUID = 1L;

    HeaderOutgrown() {
      super("the snapshot header outgrew its slot");
    }
  }

  private static void assemble(
      SnapshotHeader header, SpoolingVisitor spools, OutputStream target, Optional<byte[]> hmacKey)
      throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(target, 1 << 16);
    byte[] headerJson = HeaderJson.encode(header);
    Trailer trailer =
        manifest(
            new Checksums(buffered, hmacKey),
            section -> {
              if (section == Section.HEADER) {
                return new Part(headerJson.length, SnapshotScanner.sha256().digest(headerJson));
              }
              SectionSpool spool = spools.spool(section);
              return new Part(spool.length(), spool.digest());
            },
            section -> { // payloads: covered by their digests only
              if (section == Section.HEADER) {
                buffered.write(headerJson);
              } else if (section.holdsRecords()) {
                spools.spool(section).copyTo(buffered);
              }
            });
    buffered.write(trailer.fileDigest()); // the HMAC went through the checksums
    buffered.flush();
  }

  /** A section payload's length and SHA-256. */
  private record Part(long length, byte[] digest) {}

  /** The trailer: the HMAC (zeros when unsigned) and the SHA-256 of the manifest and HMAC. */
  private record Trailer(byte[] hmac, byte[] fileDigest) {}

  /** Writes a section's payload between its prefix and its digest, past the checksums. */
  @FunctionalInterface
  private interface Payload {
    void write(Section section) throws IOException;
  }

  /**
   * The manifest in file order, through {@code checksums}: the preamble, then each section's type,
   * name, length and digest ({@code parts}; the end section's are known), {@code payload} writing
   * its payload in between, then the HMAC. Both formats' writers go through here: the spooling one
   * into the file, the in-place one only to hash.
   */
  private static Trailer manifest(
      Checksums checksums, Function<Section, Part> parts, Payload payload) throws IOException {
    DataOutputStream manifest = new DataOutputStream(checksums);
    manifest.write(SnapshotFormat.MAGIC);
    manifest.writeShort(SnapshotHeader.FORMAT_VERSION);
    for (Section section : Section.values()) {
      Part part =
          section == Section.END
              ? new Part(0, SnapshotScanner.sha256().digest())
              : parts.apply(section);
      sectionPrefix(manifest, section, part.length());
      payload.write(section);
      manifest.write(part.digest());
    }
    byte[] hmac = checksums.finishHmac();
    manifest.write(hmac);
    return new Trailer(hmac, checksums.fileDigest());
  }

  /** A section's type, name and payload length. */
  static void sectionPrefix(DataOutputStream out, Section section, long length) throws IOException {
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
