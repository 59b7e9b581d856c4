package io.spike.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyringTest {

  private static final byte[] AD = "secret|db/password|1".getBytes(UTF_8);
  private static final byte[] MESSAGE = "s3cr3t".getBytes(UTF_8);

  private static int prefix(byte[] ciphertext) {
    return ByteBuffer.wrap(ciphertext, 0, 4).getInt();
  }

  @Test
  void create_hasTermOne() {
    Keyring ring = Keyring.create(TestKeys.seeded(1));
    assertThat(ring.currentTerm()).isEqualTo(1);
    assertThat(ring.terms()).containsExactly(1);
    assertThat(ring.toString()).isEqualTo("Keyring[terms=[1], current=1]");
  }

  @Test
  void decrypt_ofEncrypt_roundTripsWithTermPrefix() throws Exception {
    Keyring ring = Keyring.create(TestKeys.seeded(2));
    byte[] ct = ring.encrypt(MESSAGE, AD);
    assertThat(ct).hasSize(4 + 12 + MESSAGE.length + 16);
    assertThat(prefix(ct)).isEqualTo(1);
    assertThat(Keyring.termOf(ct)).isEqualTo(1);
    assertThat(ring.decrypt(ct, AD)).isEqualTo(MESSAGE);
  }

  @Test
  void rotate_oldCiphertextsStillDecrypt_newOnesUseNewTerm() throws Exception {
    Keyring first = Keyring.create(TestKeys.seeded(3));
    byte[] old = first.encrypt(MESSAGE, AD);
    Keyring second = first.rotate(TestKeys.seeded(4));
    Keyring third = second.rotate(TestKeys.seeded(5));
    assertThat(third.terms()).containsExactly(1, 2, 3);
    assertThat(third.currentTerm()).isEqualTo(3);
    assertThat(third.toString()).isEqualTo("Keyring[terms=[1, 2, 3], current=3]");
    assertThat(first.terms()).containsExactly(1);

    byte[] fresh = third.encrypt(MESSAGE, AD);
    assertThat(prefix(fresh)).isEqualTo(3);
    assertThat(third.decrypt(old, AD)).isEqualTo(MESSAGE);
    assertThat(third.decrypt(second.encrypt(MESSAGE, AD), AD)).isEqualTo(MESSAGE);
    assertThatThrownBy(() -> first.decrypt(fresh, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("unknown key term");
  }

  @Test
  void retireBelow_keepsNewerTerms_olderCiphertextsNoLongerOpen_originalUntouched()
      throws Exception {
    Keyring ring =
        Keyring.create(TestKeys.seeded(30)).rotate(TestKeys.seeded(31)).rotate(TestKeys.seeded(32));
    byte[] old = ring.encrypt(MESSAGE, AD);
    Keyring one = Keyring.create(TestKeys.seeded(30));
    byte[] termOne = one.encrypt(MESSAGE, AD);
    Keyring retired = ring.retireBelow(3);
    assertThat(retired.terms()).containsExactly(3);
    assertThat(retired.decrypt(old, AD)).isEqualTo(MESSAGE);
    assertThatThrownBy(() -> retired.decrypt(termOne, AD))
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(ring.terms()).containsExactly(1, 2, 3);
    assertThat(ring.retireBelow(99).terms()).containsExactly(3);
    retired.destroy();
    assertThat(ring.decrypt(old, AD)).isEqualTo(MESSAGE);
  }

  @Test
  void decrypt_everyTamperedCiphertext_fails() throws Exception {
    Keyring ring = Keyring.create(TestKeys.seeded(6)).rotate(TestKeys.seeded(7));
    byte[] ct = ring.encrypt(MESSAGE, AD);
    for (byte[] bad : Tamper.all(ct)) {
      assertThatThrownBy(() -> ring.decrypt(bad, AD)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void decrypt_relabelledTerm_fails() throws Exception {
    Keyring ring = Keyring.create(TestKeys.seeded(8)).rotate(TestKeys.seeded(9));
    byte[] ct = ring.encrypt(MESSAGE, AD);
    ByteBuffer.wrap(ct).putInt(1);
    assertThatThrownBy(() -> ring.decrypt(ct, AD)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void decrypt_wrongAssociatedDataOrKeyring_fails() throws Exception {
    Keyring ring = Keyring.create(TestKeys.seeded(10));
    byte[] ct = ring.encrypt(MESSAGE, AD);
    assertThatThrownBy(() -> ring.decrypt(ct, "secret|db/password|2".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
    Keyring other = Keyring.create(TestKeys.seeded(11));
    assertThatThrownBy(() -> other.decrypt(ct, AD)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void encrypt_samePlaintextTwice_differentNonces() throws Exception {
    Keyring ring = Keyring.create(TestKeys.seeded(12));
    byte[] a = ring.encrypt(MESSAGE, AD);
    byte[] b = ring.encrypt(MESSAGE, AD);
    assertThat(Arrays.copyOfRange(a, 4, 16)).isNotEqualTo(Arrays.copyOfRange(b, 4, 16));
  }

  @Test
  void unwrap_ofWrap_roundTripsAndDecryptsOldData() throws Exception {
    RootKey root = TestKeys.key(13);
    Keyring ring = Keyring.create(TestKeys.seeded(14)).rotate(TestKeys.seeded(15));
    byte[] ct1 = Keyring.create(TestKeys.seeded(14)).encrypt(MESSAGE, AD);
    byte[] ct2 = ring.encrypt(MESSAGE, AD);
    Keyring back = Keyring.unwrap(root, ring.wrap(root));
    assertThat(back.terms()).containsExactly(1, 2);
    assertThat(back.currentTerm()).isEqualTo(2);
    assertThat(back.decrypt(ct1, AD)).isEqualTo(MESSAGE);
    assertThat(back.decrypt(ct2, AD)).isEqualTo(MESSAGE);
    assertThat(ring.decrypt(back.encrypt(MESSAGE, AD), AD)).isEqualTo(MESSAGE);
  }

  @Test
  void unwrap_otherRootKey_fails() throws Exception {
    byte[] wrapped = Keyring.create(TestKeys.seeded(16)).wrap(TestKeys.key(17));
    assertThatThrownBy(() -> Keyring.unwrap(TestKeys.key(18), wrapped))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void unwrap_everyTamperedBlob_fails() throws Exception {
    RootKey root = TestKeys.key(19);
    byte[] wrapped = Keyring.create(TestKeys.seeded(20)).wrap(root);
    for (byte[] bad : Tamper.all(wrapped)) {
      assertThatThrownBy(() -> Keyring.unwrap(root, bad))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void unwrap_keyCheckBlob_failsOnAssociatedData() throws Exception {
    RootKey root = TestKeys.key(21);
    byte[] check = KeyCheck.create(root);
    assertThatThrownBy(() -> Keyring.unwrap(root, check))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void destroy_thenEncrypt_throwsIllegalState() {
    Keyring ring = Keyring.create(TestKeys.seeded(22));
    Keyring rotated = ring.rotate(TestKeys.seeded(23));
    ring.destroy();
    assertThat(ring.isDestroyed()).isTrue();
    assertThat(rotated.isDestroyed()).isFalse();
    assertThatThrownBy(() -> ring.encrypt(MESSAGE, AD)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void termOf_tooShort_fails() {
    assertThatThrownBy(() -> Keyring.termOf(new byte[3]))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
