package io.spike.api.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A 32-byte shard as SPIKE puts it on the wire: an array of 32 integers 0..255. Prints as {@code
 * [redacted]}; {@link #destroy()} zeroes it. Whoever takes the bytes out with {@link #copyBytes()}
 * wipes the copy.
 */
public final class ShardValue {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private ShardValue(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies 32 bytes. */
  public static ShardValue ofBytes(byte[] value) {
    if (value == null || value.length != LENGTH) {
      throw new IllegalArgumentException("a shard is " + LENGTH + " bytes");
    }
    return new ShardValue(value.clone());
  }

  /** From the wire form; refuses anything but 32 integers in 0..255. */
  @JsonCreator
  public static ShardValue ofInts(int[] value) {
    if (value == null || value.length != LENGTH) {
      throw new IllegalArgumentException("a shard is an array of " + LENGTH + " integers");
    }
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      if (value[i] < 0 || value[i] > 255) {
        Arrays.fill(b, (byte) 0);
        throw new IllegalArgumentException("shard values are integers 0..255");
      }
      b[i] = (byte) value[i];
    }
    return new ShardValue(b);
  }

  @JsonValue
  int[] toInts() {
    int[] out = new int[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      out[i] = bytes[i] & 0xff;
    }
    return out;
  }

  /** A copy of the 32 bytes; the caller wipes it. */
  public byte[] copyBytes() {
    return bytes.clone();
  }

  /**
   * Lends a copy of the 32 bytes to {@code use} and wipes the copy when it returns or throws, e.g.
   * {@code value.withBytes(b -> Shard.of(id, b))}. {@code use} must not keep the array.
   */
  public <T> T withBytes(Function<byte[], T> use) {
    return SecretArrays.lend(bytes, use);
  }

  /** True when every byte is zero (an empty or wiped shard). */
  public boolean isZero() {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardValue other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return LENGTH;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
