package io.spike.api.wire;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The byte-array handling the destroyable wire values ({@link ShardValue}, {@link CipherPlaintext})
 * share.
 */
final class SecretArrays {
  private SecretArrays() {}

  /** Lends a copy of {@code owned} to {@code use} and zeroes the copy when it returns or throws. */
  static <T> T lend(byte[] owned, Function<byte[], T> use) {
    byte[] copy = owned.clone();
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }
}
