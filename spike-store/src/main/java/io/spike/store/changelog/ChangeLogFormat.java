package io.spike.store.changelog;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The segment file format, version {@value #FORMAT_VERSION} (big-endian):
 *
 * <pre>
 * header   magic "SPIKECHG" (8) | format (2) | log id length (1) | log id (ASCII)
 *          | first seq (8) | last seq (8) | previous SHA-256 chain value (32)
 *          | previous HMAC chain value (32)
 * entries  last seq - first seq + 1 times:
 *          seq (8) | at, epoch milliseconds (8) | kind code (1) | body length (4) | body
 * trailer  final SHA-256 chain value (32) | final HMAC chain value (32)
 * </pre>
 *
 * <p>Chains, over the exact bytes of each encoded entry: {@code h_i = SHA-256(h_{i-1} || entry_i)}
 * and {@code m_i = HMAC-SHA256(key, m_{i-1} || entry_i)}. A segment's previous values are the
 * previous segment's final values (32 zero bytes for a log's first segment), so both chains run
 * through the whole log: a segment cannot be changed, dropped, swapped or reordered without a
 * reader noticing, and without the key no one can forge the HMAC chain. The key is derived by Nexus
 * from the root key with the label {@value #HMAC_LABEL} ({@value #HMAC_KEY_BYTES} bytes).
 */
public final class ChangeLogFormat {

  /** The HKDF label Nexus derives the HMAC key with from the root key. */
  public static final String HMAC_LABEL = "spike/changelog-hmac";

  /** Length of the HMAC key. */
  public static final int HMAC_KEY_BYTES = 32;

  /** The only format version written and read. */
  public static final int FORMAT_VERSION = 1;

  /** Length of each chain value. */
  public static final int CHAIN_BYTES = 32;

  /**
   * The largest segment written or read; a writer splits its batch below it. Bounds what a reader
   * allocates for one segment.
   */
  public static final int MAX_SEGMENT_BYTES = 64 << 20;

  static final byte[] MAGIC = "SPIKECHG".getBytes(US_ASCII);

  static final String HMAC_ALGORITHM = "HmacSHA256";

  /** seq, at, kind, body length: the fixed part of an entry. */
  static final int ENTRY_FIXED_BYTES = 8 + 8 + 1 + 4;

  static final int TRAILER_BYTES = 2 * CHAIN_BYTES;

  private ChangeLogFormat() {}
}
