package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyringFormatTest {

  private static NavigableMap<Integer, SecretBytes> keys(int... terms) {
    NavigableMap<Integer, SecretBytes> keys = new TreeMap<>();
    for (int t : terms) {
      keys.put(t, SecretBytes.random(32, TestKeys.seeded(t)));
    }
    return keys;
  }

  @Test
  void parse_ofSerialize_roundTrips() throws Exception {
    NavigableMap<Integer, SecretBytes> keys = keys(1, 2, 7);
    byte[] plain = KeyringFormat.serialize(keys);
    assertThat(plain).hasSize(3 + 3 * 36);
    assertThat(plain[0]).isEqualTo((byte) 1);
    assertThat(KeyringFormat.parse(plain)).isEqualTo(keys);
  }

  @Test
  void parse_malformed_rejected() {
    byte[] good = KeyringFormat.serialize(keys(1, 2));
    byte[] badVersion = good.clone();
    badVersion[0] = 2;
    byte[] zeroCount = {1, 0, 0};
    byte[] unsorted = good.clone();
    ByteBuffer.wrap(unsorted).putInt(3 + 36, 1);
    byte[] zeroTerm = good.clone();
    ByteBuffer.wrap(zeroTerm).putInt(3, 0);
    byte[][] bad = {
      new byte[0],
      badVersion,
      zeroCount,
      unsorted,
      zeroTerm,
      Arrays.copyOf(good, good.length - 1),
      Arrays.copyOf(good, good.length + 1)
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> KeyringFormat.parse(b)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  /**
   * Fuzz target (regression inputs in KeyringFormatTestInputs/): any bytes are either refused with
   * a GeneralSecurityException and a fixed message, or parse to ascending positive terms whose
   * serialization is exactly the input (the format has one encoding per keyring).
   */
  @FuzzTest(maxDuration = "60s")
  void parse_fuzzedPlaintext_isRefusedOrReserializesToTheSameBytes(byte[] plain) {
    NavigableMap<Integer, SecretBytes> keys;
    try {
      keys = KeyringFormat.parse(plain);
    } catch (GeneralSecurityException e) {
      assertThat(e.getMessage()).isIn("unsupported keyring version", "malformed keyring");
      return;
    }
    try {
      assertThat(keys).isNotEmpty();
      assertThat(keys.firstKey()).isPositive();
      assertThat(KeyringFormat.serialize(keys)).isEqualTo(plain);
    } finally {
      keys.values().forEach(SecretBytes::destroy);
    }
  }
}
