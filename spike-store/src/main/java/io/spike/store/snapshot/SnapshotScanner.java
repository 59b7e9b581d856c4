package io.spike.store.snapshot;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * One pass over a snapshot file: checks its structure and every checksum, counts the records and
 * hands them to a visitor as they are decoded. Stops at the first damage, naming the section that
 * holds the first byte found wrong (or missing): a changed byte anywhere is caught by the section's
 * digest, by the structure around it, or by the whole-file digest in the trailer (over every byte
 * in format 1, over the manifest in format 2: {@link SnapshotFormat}). Reads formats 1 and 2; with
 * an HMAC key it also computes the HMAC the trailer should hold, over what the file's format signs.
 *
 * <p>Records reach the visitor before their section's digest has been compared; callers that must
 * not act on damaged records scan twice (first with a do-nothing visitor) or act in a transaction
 * they roll back on failure.
 */
final class SnapshotScanner {

  /** The first damage found: the section and what is wrong. */
  static final class Damage extends Exception {
    private static final long serialVersionUID = 1L;
    final String section;
    final String problem;

    Damage(String section, String problem) {
      super(section + ": " + problem);
      this.section = section;
      this.problem = problem;
    }
  }

  /** The underlying file ended inside a section's payload. */
  private static final class Truncated extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] ZEROS = new byte[SnapshotFormat.DIGEST_BYTES];

  private final RecordVisitor visitor;
  private final Optional<Mac> mac;
  private final boolean decodeRecords;
  private final Map<Section, String> sectionDigests = new EnumMap<>(Section.class);
  private final EnumMap<Section, Long> counts = new EnumMap<>(Section.class);
  private SnapshotHeader header;
  private int formatVersion;
  private String fileDigest = "";
  private boolean hmacMatches;

  private SnapshotScanner(RecordVisitor visitor, Optional<Mac> mac, boolean decodeRecords) {
    this.visitor = visitor;
    this.mac = mac;
    this.decodeRecords = decodeRecords;
  }

  private SnapshotScanner(RecordVisitor visitor) {
    this(visitor, Optional.empty(), true);
  }

  /**
   * Whether the file's framing, header, section digests and trailer are intact and its trailer
   * holds the HMAC under {@code mac}'s key of what its format signs; false for an unsigned or
   * damaged file. Records are hashed but not decoded (authenticity only: {@link #inspect} checks
   * them).
   */
  static boolean hmacMatches(Path file, Mac mac) {
    SnapshotScanner scanner = new SnapshotScanner(new RecordVisitor() {}, Optional.of(mac), false);
    try {
      scanner.scan(file);
      return scanner.hmacMatches;
    } catch (Damage d) {
      return false;
    }
  }

  /** Checks everything, never throwing on damage (only when the file cannot be opened or read). */
  static InspectReport inspect(Path file) {
    SnapshotScanner scanner = new SnapshotScanner(new RecordVisitor() {});
    try {
      scanner.scan(file);
      return scanner.report(Optional.empty());
    } catch (Damage d) {
      return scanner.report(Optional.of(d));
    }
  }

  /** Scans and streams every record to the visitor; {@link SnapshotException} on damage. */
  static SnapshotHeader stream(Path file, RecordVisitor visitor) {
    SnapshotScanner scanner = new SnapshotScanner(visitor);
    try {
      scanner.scan(file);
      return scanner.header;
    } catch (Damage d) {
      throw SnapshotException.damaged(d.section, d.problem);
    }
  }

  private InspectReport report(Optional<Damage> damage) {
    return new InspectReport(
        damage.isEmpty(),
        Optional.ofNullable(header),
        digestsByLabel(),
        damage.isEmpty() ? fileDigest : "",
        damage.map(d -> d.section),
        damage.map(d -> d.problem));
  }

  /** The digests found so far, in section order (also when the file orders them otherwise). */
  private Map<String, String> digestsByLabel() {
    Map<String, String> byLabel = new LinkedHashMap<>();
    sectionDigests.forEach((section, digest) -> byLabel.put(section.label, digest));
    return byLabel;
  }

  private void scan(Path file) throws Damage {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        Signed in = new Signed(raw, mac)) {
      preamble(in);
      for (Section section : Section.values()) {
        section(in, section);
      }
      trailer(in);
    } catch (Damage d) {
      throw d;
    } catch (IOException e) {
      throw new SnapshotException("cannot read snapshot " + file + ": " + e.getMessage(), e);
    }
  }

  private void preamble(InputStream in) throws IOException, Damage {
    String where = Section.HEADER.label;
    byte[] magic = readFully(in, SnapshotFormat.MAGIC.length, where);
    if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
      throw new Damage(where, "not a spike snapshot (bad magic)");
    }
    byte[] version = readFully(in, 2, where);
    formatVersion = ((version[0] & 0xff) << 8) | (version[1] & 0xff);
    if (!SnapshotFormat.readable(formatVersion)) {
      throw new Damage(where, "unsupported format version " + formatVersion);
    }
  }

  private void section(Signed in, Section section) throws IOException, Damage {
    String where = section.label;
    byte[] prefix = readFully(in, 2, where);
    byte[] label = section.labelBytes();
    if ((prefix[0] & 0xff) != section.type || (prefix[1] & 0xff) != label.length) {
      throw new Damage(where, "expected section '" + where + "' here");
    }
    if (!Arrays.equals(readFully(in, label.length, where), label)) {
      throw new Damage(where, "expected section '" + where + "' here");
    }
    long length = ByteBuffer.wrap(readFully(in, Long.BYTES, where)).getLong();
    in.covering(SnapshotFormat.trailerCoversPayloads(formatVersion));
    BoundedInput payload = new BoundedInput(in, length);
    String malformed = null;
    try {
      if (length < 0) {
        throw new Damage(where, "invalid payload length");
      }
      malformed = payload(section, payload);
      payload.drain();
    } catch (Truncated e) {
      throw new Damage(where, "truncated");
    }
    in.covering(true);
    byte[] digest = payload.digest();
    if (!MessageDigest.isEqual(digest, readFully(in, SnapshotFormat.DIGEST_BYTES, where))) {
      throw new Damage(where, "checksum mismatch");
    }
    if (malformed != null) {
      throw new Damage(where, malformed);
    }
    sectionDigests.put(section, HEX.formatHex(digest));
    checkCount(section);
  }

  /** Decodes the payload; returns what is wrong with it (after its digest matched), or null. */
  private String payload(Section section, BoundedInput payload) throws IOException {
    try {
      switch (section) {
        case HEADER -> header = header(payload);
        case END -> {
          if (payload.remaining() != 0) {
            return "the end section must be empty";
          }
        }
        default -> {
          if (!decodeRecords) {
            return null; // hashed as drained
          }
          DataInputStream data = new DataInputStream(payload);
          RecordVisitor counting = counting(section);
          while (payload.remaining() > 0) {
            RecordCodec.decode(section, data, payload, counting);
          }
        }
      }
      return null;
    } catch (RecordCodec.Malformed | HeaderJson.MalformedHeader e) {
      return e.getMessage();
    }
  }

  private SnapshotHeader header(BoundedInput payload)
      throws IOException, HeaderJson.MalformedHeader {
    if (payload.remaining() > SnapshotFormat.MAX_HEADER_BYTES) {
      throw new HeaderJson.MalformedHeader(
          "header larger than " + SnapshotFormat.MAX_HEADER_BYTES + " bytes");
    }
    SnapshotHeader h = HeaderJson.decode(payload.readAllBytes());
    if (h.formatVersion() != formatVersion) {
      throw new HeaderJson.MalformedHeader("header format version differs from the file's");
    }
    return h;
  }

  private void checkCount(Section section) throws Damage {
    if (!section.holdsRecords() || !decodeRecords) {
      return;
    }
    long expected =
        switch (section) {
          case SYSTEM -> header.counts().system();
          case SECRETS -> header.counts().secrets();
          case VERSIONS -> header.counts().versions();
          default -> header.counts().policies();
        };
    long actual = counts.getOrDefault(section, 0L);
    if (actual != expected) {
      throw new Damage(section.label, "holds " + actual + " records; the header says " + expected);
    }
  }

  private void trailer(Signed in) throws IOException, Damage {
    String where = SnapshotFormat.TRAILER;
    Optional<byte[]> expectedHmac = in.finishHmac();
    byte[] hmac = readFully(in, SnapshotFormat.DIGEST_BYTES, where);
    byte[] expected = in.finishDigest();
    byte[] stored = readFully(in, SnapshotFormat.DIGEST_BYTES, where);
    if (!MessageDigest.isEqual(expected, stored)) {
      throw new Damage(where, "checksum mismatch");
    }
    if (in.read() != -1) {
      throw new Damage(where, "unexpected bytes after the trailer");
    }
    if (header.signed() == Arrays.equals(hmac, ZEROS)) {
      throw new Damage(
          where,
          header.signed()
              ? "the header says signed but the HMAC is empty"
              : "the header says unsigned but there is an HMAC");
    }
    fileDigest = HEX.formatHex(stored);
    hmacMatches =
        header.signed() && expectedHmac.map(e -> MessageDigest.isEqual(e, hmac)).orElse(false);
  }

  /** Counts the section's records and passes them on. */
  private RecordVisitor counting(Section section) {
    return new RecordVisitor() {
      private void count() {
        counts.merge(section, 1L, Long::sum);
      }

      @Override
      public void system(SystemKey key, byte[] value) {
        count();
        visitor.system(key, value);
      }

      @Override
      public void secret(SecretRecord record) {
        count();
        visitor.secret(record);
      }

      @Override
      public void version(VersionRecord record) {
        count();
        visitor.version(record);
      }

      @Override
      public void policy(PolicyRecord record) {
        count();
        visitor.policy(record);
      }
    };
  }

  private static byte[] readFully(InputStream in, int n, String where) throws IOException, Damage {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new Damage(where, "truncated");
    }
    return bytes;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The file as read: what the trailer covers (every byte, or the manifest) goes to the whole-file
   * SHA-256 and, until the HMAC is finished, to the HMAC.
   */
  private static final class Signed extends FilterInputStream {
    private final MessageDigest sha = sha256();
    private Optional<Mac> mac;
    private boolean covering = true;

    Signed(InputStream in, Optional<Mac> mac) {
      super(in);
      this.mac = mac;
    }

    /** Whether the bytes read next are covered by the trailer. */
    void covering(boolean on) {
      covering = on;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && covering) {
        sha.update((byte) b);
        mac.ifPresent(m -> m.update((byte) b));
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && covering) {
        sha.update(buffer, offset, n);
        mac.ifPresent(m -> m.update(buffer, offset, n));
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skip would bypass the checksums");
    }

    /** The HMAC of what was covered so far, if a key was given; later bytes reach the SHA only. */
    Optional<byte[]> finishHmac() {
      Optional<byte[]> out = mac.map(Mac::doFinal);
      mac = Optional.empty();
      return out;
    }

    /** The whole-file SHA-256 of what was covered so far; later bytes are not hashed. */
    byte[] finishDigest() {
      covering = false;
      return sha.digest();
    }
  }

  /**
   * A section's payload: exactly {@code length} bytes, fetched from the file in blocks (so that the
   * decoder's many small reads cost no call into the file and no digest update each) and hashed as
   * they are fetched, never beyond the payload.
   */
  private static final class BoundedInput extends InputStream implements RecordCodec.Payload {
    private static final int BLOCK = 1 << 16;
    private final InputStream in;
    private final MessageDigest sha = sha256();
    private byte[] block = new byte[0];
    private int position;
    private int limit;
    private long unfetched;

    BoundedInput(InputStream in, long length) {
      this.in = in;
      this.unfetched = Math.max(length, 0);
    }

    /** Bytes of the payload not read yet (fetched or not). */
    @Override
    public long remaining() {
      return unfetched + (limit - position);
    }

    /** Fetches the next block; false at the end of the payload. */
    private boolean fetch() throws IOException {
      if (unfetched == 0) {
        return false;
      }
      if (block.length == 0) {
        block = new byte[(int) Math.min(BLOCK, unfetched)]; // a tiny payload gets a tiny block
      }
      int n = in.read(block, 0, (int) Math.min(block.length, unfetched));
      if (n < 0) {
        throw new Truncated();
      }
      sha.update(block, 0, n);
      unfetched -= n;
      position = 0;
      limit = n;
      return true;
    }

    @Override
    public int read() throws IOException {
      if (position == limit && !fetch()) {
        return -1;
      }
      return block[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (position == limit && !fetch()) {
        return -1;
      }
      int n = Math.min(length, limit - position);
      System.arraycopy(block, position, buffer, offset, n);
      position += n;
      return n;
    }

    /** Skips to the end of the payload, hashing what was not fetched yet. */
    void drain() throws IOException {
      do {
        position = limit;
      } while (fetch());
    }

    byte[] digest() {
      return sha.digest();
    }
  }
}
