package io.spike.store.snapshot;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The snapshot file layout (docs/ARCHITECTURE.md, "Snapshots and backups"), all integers
 * big-endian:
 *
 * <pre>
 * magic "SPIKESNP" (8) | format version (2)
 * section*: type (1) | name length (1) | name | payload length (8) | payload | SHA-256(payload) (32)
 * trailer:  HMAC-SHA256 of every byte before it (32, zeros when unsigned)
 *           | SHA-256 of every byte before it, HMAC included (32)
 * </pre>
 *
 * <p>The sections always come in {@link Section} order, each exactly once.
 */
final class SnapshotFormat {

  static final byte[] MAGIC = "SPIKESNP".getBytes(US_ASCII);

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

  /** Strict UTF-8: an unpaired surrogate is refused, never replaced. */
  static byte[] utf8(String s) throws CharacterCodingException {
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
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
