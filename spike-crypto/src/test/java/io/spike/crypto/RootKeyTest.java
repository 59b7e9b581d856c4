package io.spike.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RootKeyTest {

  private static final BigInteger N = P256.ORDER;

  @Test
  void fromBytes_outOfRangeOrWrongLength_rejected() {
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    byte[][] bad = {
      new byte[32],
      P256.toFixed32(N),
      P256.toFixed32(N.add(BigInteger.ONE)),
      allOnes,
      new byte[31],
      new byte[33],
      new byte[0],
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> RootKey.fromBytes(b)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void fromBytes_edgesOfRange_accepted() throws Exception {
    assertThat(RootKey.fromBytes(P256.toFixed32(BigInteger.ONE)).material().copyBytes())
        .isEqualTo(P256.toFixed32(BigInteger.ONE));
    byte[] max = P256.toFixed32(N.subtract(BigInteger.ONE));
    assertThat(RootKey.fromBytes(max).material().copyBytes()).isEqualTo(max);
  }

  @Test
  void fromBytes_copiesArgument() throws Exception {
    byte[] raw = P256.toFixed32(BigInteger.valueOf(12345));
    RootKey key = RootKey.fromBytes(raw);
    SecretBytes.wipe(raw);
    assertThat(new BigInteger(1, key.material().copyBytes())).isEqualTo(12345);
  }

  @Test
  void generate_retriesUntilInRange() {
    // The first draw is all 0xff (>= n), the second all zero (invalid), then a valid value.
    SecureRandom rigged =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;
          private int calls;

          @Override
          public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) (calls == 0 ? 0xff : calls == 1 ? 0 : 7));
            calls++;
          }
        };
    byte[] expected = new byte[32];
    Arrays.fill(expected, (byte) 7);
    assertThat(RootKey.generate(rigged).material().copyBytes()).isEqualTo(expected);
  }

  @Test
  void generate_keysAreValidAndDistinct() {
    SecureRandom random = new SecureRandom();
    RootKey a = RootKey.generate(random);
    RootKey b = RootKey.generate(random);
    assertThat(P256.isValidScalar(a.material().copyBytes())).isTrue();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void toString_neverContainsKeyHex() {
    RootKey key = TestKeys.key(1);
    String hex = HexFormat.of().formatHex(key.material().copyBytes());
    assertThat(key.toString()).isEqualTo("RootKey[redacted]");
    for (int i = 0; i + 6 <= hex.length(); i++) {
      assertThat(key.toString()).doesNotContain(hex.substring(i, i + 6));
    }
  }

  @Test
  void equals_constantTimeByValue() throws Exception {
    RootKey a = TestKeys.key(2);
    RootKey b = RootKey.fromBytes(a.material().copyBytes());
    assertThat(a).isEqualTo(b).isNotEqualTo(TestKeys.key(3));
    assertThat(a.hashCode()).isEqualTo(TestKeys.key(3).hashCode());
  }

  @Test
  void deriveKey_isHkdfOfTheKeyWithTheLabel() {
    RootKey key = TestKeys.key(4);
    byte[] expected =
        Hkdf.derive(
            key.material().copyBytes(), new byte[0], "spike/snapshot-hmac".getBytes(UTF_8), 32);
    assertThat(key.deriveKey("spike/snapshot-hmac", 32)).isEqualTo(expected);
    assertThat(key.deriveKey("spike/snapshot-hmac", 32))
        .isNotEqualTo(key.deriveKey("spike/other", 32));
    assertThat(key.deriveKey("x", 64)).hasSize(64).startsWith(key.deriveKey("x", 32));
    assertThatThrownBy(() -> key.deriveKey("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aead_isKeyedByTheRootAeadLabel() throws Exception {
    RootKey key = TestKeys.key(5);
    byte[] ct = key.aead().encrypt("x".getBytes(UTF_8), new byte[0]);
    AesGcmAead expected = new AesGcmAead(SecretBytes.copyOf(key.deriveKey("spike/root-aead", 32)));
    assertThat(expected.decrypt(ct, new byte[0])).isEqualTo("x".getBytes(UTF_8));
    assertThatThrownBy(() -> TestKeys.key(6).aead().decrypt(ct, new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void material_isAnIndependentCopy() {
    RootKey key = TestKeys.key(7);
    SecretBytes copy = key.material();
    copy.destroy();
    assertThat(key.material().length()).isEqualTo(32);
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    RootKey key = TestKeys.key(8);
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::material).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> key.deriveKey("x", 32)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(key::aead).isInstanceOf(IllegalStateException.class);
  }
}
