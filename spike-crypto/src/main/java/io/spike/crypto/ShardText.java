package io.spike.crypto;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The text form of a recovery shard: {@code spike:<id>:<64 lowercase hex>}, one per file named
 * {@code spike.recovery.<id>.txt}.
 *
 * <p>Contract for {@link #decode(String)}: surrounding whitespace is ignored; otherwise only the
 * canonical form that {@link #encode(Shard)} writes is accepted: the prefix {@code spike:} in
 * lowercase, an id written in plain decimal 1..255 without sign or leading zeros (so {@code 01} and
 * {@code +1} are rejected), a colon, exactly 64 lowercase hex digits whose value v is 0 &lt; v &lt;
 * n (the P-256 order; an all-zero value is refused as keepers refuse it), and nothing after them.
 * Anything else throws {@link ShardFormatException}.
 *
 * <p>Security promise: exception messages never contain any part of the input's value; intermediate
 * byte arrays are wiped. The {@link String}s themselves cannot be wiped: keep them short-lived.
 */
public final class ShardText {

  private static final String PREFIX = "spike:";
  private static final int HEX_LENGTH = 2 * Shard.VALUE_LENGTH;
  private static final HexFormat HEX = HexFormat.of();

  private ShardText() {}

  /** {@code spike:<id>:<64 lowercase hex>}. */
  public static String encode(Shard shard) {
    Objects.requireNonNull(shard, "shard");
    byte[] value = shard.valueBytes();
    try {
      return PREFIX + shard.id() + ":" + HEX.formatHex(value);
    } finally {
      SecretBytes.wipe(value);
    }
  }

  /**
   * Parses the canonical text form.
   *
   * @throws ShardFormatException on anything but {@code spike:<id>:<64 lowercase hex>}
   */
  public static Shard decode(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (!s.startsWith(PREFIX)) {
      throw new ShardFormatException("shard text must start with 'spike:'");
    }
    int colon = s.indexOf(':', PREFIX.length());
    if (colon < 0) {
      throw new ShardFormatException("shard text must be spike:<id>:<64 lowercase hex>");
    }
    int id = parseId(s.substring(PREFIX.length(), colon));
    byte[] value = parseValue(s.substring(colon + 1));
    try {
      return Shard.of(id, value);
    } finally {
      SecretBytes.wipe(value);
    }
  }

  /** {@code spike.recovery.<id>.txt}. */
  public static String fileName(int id) {
    Shard.checkId(id);
    return "spike.recovery." + id + ".txt";
  }

  private static int parseId(String digits) {
    boolean plainDecimal =
        !digits.isEmpty()
            && digits.length() <= 3
            && digits.charAt(0) != '0'
            && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    int id = plainDecimal ? Integer.parseInt(digits) : -1;
    if (id < Shard.MIN_ID || id > Shard.MAX_ID) {
      throw new ShardFormatException(
          "shard id must be a decimal number 1..255 without sign or leading zeros");
    }
    return id;
  }

  private static byte[] parseValue(String hex) {
    if (hex.length() != HEX_LENGTH || !hex.chars().allMatch(ShardText::isLowerHex)) {
      throw new ShardFormatException("shard value must be exactly 64 lowercase hex digits");
    }
    byte[] value = HEX.parseHex(hex);
    if (!P256.isBelowOrder(value) || P256.isZero(value)) {
      SecretBytes.wipe(value);
      throw new ShardFormatException("shard value is out of range");
    }
    return value;
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
