package io.spike.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every single-bit flip, every truncation and a one-byte extension of a ciphertext. */
final class Tamper {

  private Tamper() {}

  static List<byte[]> bitFlips(byte[] original) {
    List<byte[]> out = new ArrayList<>();
    for (int bit = 0; bit < original.length * 8; bit++) {
      byte[] copy = original.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      out.add(copy);
    }
    return out;
  }

  static List<byte[]> truncations(byte[] original) {
    List<byte[]> out = new ArrayList<>();
    for (int length = 0; length < original.length; length++) {
      out.add(Arrays.copyOf(original, length));
    }
    return out;
  }

  static List<byte[]> extensions(byte[] original) {
    List<byte[]> out = new ArrayList<>();
    for (int value : new int[] {0x00, 0x01, 0xff}) {
      byte[] longer = Arrays.copyOf(original, original.length + 1);
      longer[original.length] = (byte) value;
      out.add(longer);
    }
    return out;
  }

  static List<byte[]> all(byte[] original) {
    List<byte[]> out = new ArrayList<>(bitFlips(original));
    out.addAll(truncations(original));
    out.addAll(extensions(original));
    return out;
  }
}
