package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyCheckTest {

  @Test
  void matches_sameKey_true() throws Exception {
    RootKey key = TestKeys.key(1);
    byte[] check = KeyCheck.create(key);
    assertThat(KeyCheck.matches(key, check)).isTrue();
    assertThat(KeyCheck.matches(RootKey.fromBytes(key.material().copyBytes()), check)).isTrue();
  }

  @Test
  void matches_otherKey_false() throws Exception {
    byte[] check = KeyCheck.create(TestKeys.key(2));
    assertThat(KeyCheck.matches(TestKeys.key(3), check)).isFalse();
  }

  @Test
  void matches_keyFromTooFewShards_false() throws Exception {
    RootKey key = TestKeys.key(4);
    byte[] check = KeyCheck.create(key);
    RootKey wrong = Shamir.combine(Shamir.split(key, 3, 2).subList(0, 1));
    assertThat(KeyCheck.matches(wrong, check)).isFalse();
  }

  @Test
  void matches_everyTamperedCheck_false() throws Exception {
    RootKey key = TestKeys.key(5);
    byte[] check = KeyCheck.create(key);
    for (byte[] bad : Tamper.all(check)) {
      assertThat(KeyCheck.matches(key, bad)).isFalse();
    }
  }

  @Test
  void matches_checkEncryptingAnotherLabel_false() throws Exception {
    RootKey key = TestKeys.key(6);
    byte[] other = key.aead().encrypt("not the label".getBytes(), KeyCheck.ASSOCIATED_DATA);
    byte[] otherAd = key.aead().encrypt(KeyCheck.LABEL, "spike/keyring".getBytes());
    assertThat(KeyCheck.matches(key, other)).isFalse();
    assertThat(KeyCheck.matches(key, otherAd)).isFalse();
  }

  @Test
  void create_twice_differentValuesBothMatch() throws Exception {
    RootKey key = TestKeys.key(7);
    byte[] a = KeyCheck.create(key);
    byte[] b = KeyCheck.create(key);
    assertThat(a).isNotEqualTo(b);
    assertThat(KeyCheck.matches(key, a)).isTrue();
    assertThat(KeyCheck.matches(key, b)).isTrue();
  }
}
