package io.spike.store.snapshot;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The snapshot file layout (docs/FORMATS.md, "Snapshots"), all integers big-endian. Both formats
 * share one framing:
 *
 * <pre>
 * magic "SPIKESNP" (8) | format version (2)
 * section*: type (1) | name length (1) | name | payload length (8) | payload | SHA-256(payload) (32)
 * trailer:  HMAC-SHA256 (32, zeros when unsigned) | SHA-256 (32)
 * </pre>
 *
 * <p>They differ in what the trailer covers:
 *
 * <ul>
 *   <li>Format 1 (read only): the HMAC is over every byte before it, and the SHA-256 over every
 *       byte before it, HMAC included: every byte of record data is hashed three times.
 *   <li>Format 2 (written): the HMAC and the SHA-256 cover the <em>manifest</em>, every byte before
 *       the trailer except the section payloads: the preamble, and of each section its type, name,
 *       payload length and payload SHA-256 (the SHA-256 also covers the HMAC, as in format 1). Each
 *       byte of record data is hashed once, by its section's digest; the HMAC still authenticates
 *       every byte, transitively (it covers the digests, the digests cover the payloads), and the
 *       keyless SHA-256 over the manifest together with the section digests still finds any
 *       changed, missing or added byte.
 * </ul>
 *
 * <p>The sections always come in {@link Section} order, each exactly once; the header's JSON
 * repeats the format version, which must equal the preamble's, so a file relabelled from one format
 * to the other is refused (besides failing its trailer). Section lengths come before their payloads
 * and the header (first, it holds the counts) is known only once the export is done: a file is
 * written in one pass and the header (padded with JSON whitespace to the slot reserved for it) and
 * the lengths are written back into place ({@link StreamingVisitor}); a stream gets its record
 * sections set aside while the store exports ({@link SectionSpool}).
 */
final class SnapshotFormat {

  static final byte[] MAGIC = "SPIKESNP".getBytes(US_ASCII);

  /** The first format: the trailer covers every byte. */
  static final int FORMAT_1 = 1;

  /** The format written: the trailer covers the manifest. */
  static final int FORMAT_2 = 2;

  /** Magic and format version: attributed to the header section when damaged. */
  static final int PREAMBLE_BYTES = MAGIC.length + 2;

  static final int DIGEST_BYTES = 32;
  static final int TRAILER_BYTES = 2 * DIGEST_BYTES;
  static final String TRAILER = "trailer";
  static final String HMAC_ALGORITHM = "HmacSHA256";

  /** Longest record key (path, name, id): a u16 length. */
  static final int MAX_KEY_BYTES = 0xFFFF;

  /**
   * Largest record value; far above any ciphertext Nexus writes, low enough to read into memory.
   */
  static final int MAX_VALUE_BYTES = 64 << 20;

  /** Largest header payload. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /** The sections in file order. */
  enum Section {
    HEADER(1, "header"),
    SYSTEM(2, "system"),
    SECRETS(3, "secrets"),
    VERSIONS(4, "versions"),
    POLICIES(5, "policies"),
    END(6, "end");

    final int type;
    final String label;

    Section(int type, String label) {
      this.type = type;
      this.label = label;
    }

    byte[] labelBytes() {
      return label.getBytes(US_ASCII);
    }

    /** Whether the payload is a sequence of records. */
    boolean holdsRecords() {
      return this != HEADER && this != END;
    }
  }

  private SnapshotFormat() {}

  /** Whether this code reads files of {@code version}. */
  static boolean readable(int version) {
    return version == FORMAT_1 || version == FORMAT_2;
  }

  /** Whether the trailer of a {@code version} file covers the section payloads too. */
  static boolean trailerCoversPayloads(int version) {
    return version == FORMAT_1;
  }

  /** Strict UTF-8: an unpaired surrogate is refused, never replaced. */
  static byte[] utf8(String s) throws CharacterCodingException {
    if (noSurrogates(s)) {
      return s.getBytes(StandardCharsets.UTF_8); // exact: nothing to replace (and 20x faster)
    }
    ByteBuffer b =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(s));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Strict UTF-8: malformed input is refused, never replaced. */
  static String utf8(byte[] bytes) throws CharacterCodingException {
    if (ascii(bytes)) {
      return new String(bytes, StandardCharsets.US_ASCII); // ASCII is UTF-8 as it is
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static boolean noSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
