package io.spike.crypto;

import java.math.BigInteger;

/**
 * The order n of the P-256 group: the prime modulus of the scalar field that root keys and shard
 * values live in. Range checks on 32-byte big-endian values run in constant time.
 */
final class P256 {

  static final int SCALAR_BYTES = 32;

  static final BigInteger ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private static final byte[] ORDER_BYTES = toFixed32(ORDER);

  private P256() {}

  /** True when {@code be32} is 32 bytes and its big-endian value is below n (zero allowed). */
  static boolean isBelowOrder(byte[] be32) {
    if (be32.length != SCALAR_BYTES) {
      return false;
    }
    // Constant-time big-endian compare: walk all bytes, remember the first difference.
    int less = 0;
    int decided = 0;
    for (int i = 0; i < SCALAR_BYTES; i++) {
      int a = be32[i] & 0xff;
      int b = ORDER_BYTES[i] & 0xff;
      int lt = ((a - b) >>> 31) & 1;
      int ne = (((a ^ b) - 1) >>> 31) ^ 1;
      less |= lt & ~decided & 1;
      decided |= ne;
    }
    return less == 1;
  }

  /** True when {@code be32} is a valid non-zero scalar: 0 &lt; value &lt; n. */
  static boolean isValidScalar(byte[] be32) {
    return isBelowOrder(be32) & !isZero(be32);
  }

  static boolean isZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  /** The value (0 &le; v &lt; 2^256) as exactly 32 big-endian bytes. */
  static byte[] toFixed32(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > SCALAR_BYTES * 8) {
      throw new IllegalArgumentException("value out of range");
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[SCALAR_BYTES];
    int copy = Math.min(raw.length, SCALAR_BYTES);
    System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
    SecretBytes.wipe(raw);
    return out;
  }
}
