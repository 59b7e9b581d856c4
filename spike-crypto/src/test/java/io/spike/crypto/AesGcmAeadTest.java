package io.spike.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmAeadTest {

  private static final byte[] AD = "secret|a/b|1".getBytes(UTF_8);
  private static final byte[] MESSAGE = "hello".getBytes(UTF_8);

  private static SecretBytes key(long seed) {
    return SecretBytes.random(32, TestKeys.seeded(seed));
  }

  @Test
  void decrypt_ofEncrypt_roundTrips() throws Exception {
    AesGcmAead aead = new AesGcmAead(key(1));
    for (byte[] plain : new byte[][] {new byte[0], MESSAGE, new byte[100_000]}) {
      byte[] ct = aead.encrypt(plain, AD);
      assertThat(ct).hasSize(12 + plain.length + 16);
      assertThat(aead.decrypt(ct, AD)).isEqualTo(plain);
    }
  }

  @Test
  void encrypt_layoutIsNonceThenCiphertextAndTag() throws Exception {
    SecretBytes k = key(2);
    byte[] ct = new AesGcmAead(k).encrypt(MESSAGE, AD);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(k.copyBytes(), "AES"),
        new GCMParameterSpec(128, Arrays.copyOf(ct, 12)));
    jdk.updateAAD(AD);
    assertThat(jdk.doFinal(ct, 12, ct.length - 12)).isEqualTo(MESSAGE);
  }

  @Test
  void decrypt_everyTamperedCiphertext_fails() throws Exception {
    AesGcmAead aead = new AesGcmAead(key(3));
    byte[] ct = aead.encrypt(MESSAGE, AD);
    int cases = 0;
    for (byte[] bad : Tamper.all(ct)) {
      assertThatThrownBy(() -> aead.decrypt(bad, AD)).isInstanceOf(GeneralSecurityException.class);
      cases++;
    }
    assertThat(cases).isEqualTo(ct.length * 8 + ct.length + 3);
  }

  @Test
  void decrypt_wrongAssociatedData_fails() throws Exception {
    AesGcmAead aead = new AesGcmAead(key(4));
    byte[] ct = aead.encrypt(MESSAGE, AD);
    assertThatThrownBy(() -> aead.decrypt(ct, "secret|a/b|2".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> aead.decrypt(ct, new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void decrypt_nullAssociatedData_sameAsEmpty() throws Exception {
    AesGcmAead aead = new AesGcmAead(key(5));
    assertThat(aead.decrypt(aead.encrypt(MESSAGE, null), new byte[0])).isEqualTo(MESSAGE);
    assertThat(aead.decrypt(aead.encrypt(MESSAGE, new byte[0]), null)).isEqualTo(MESSAGE);
  }

  @Test
  void decrypt_wrongKey_fails() throws Exception {
    byte[] ct = new AesGcmAead(key(6)).encrypt(MESSAGE, AD);
    AesGcmAead other = new AesGcmAead(key(7));
    assertThatThrownBy(() -> other.decrypt(ct, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("decryption failed");
  }

  @Test
  void encrypt_samePlaintextTwice_usesFreshNonces() throws Exception {
    AesGcmAead aead = new AesGcmAead(key(8));
    byte[] a = aead.encrypt(MESSAGE, AD);
    byte[] b = aead.encrypt(MESSAGE, AD);
    assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void constructor_wrongKeyLength_rejected() {
    assertThatThrownBy(() -> new AesGcmAead(SecretBytes.copyOf(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_copiesKey_callerMayDestroyIt() throws Exception {
    SecretBytes k = key(9);
    AesGcmAead aead = new AesGcmAead(k);
    k.destroy();
    assertThat(aead.decrypt(aead.encrypt(MESSAGE, AD), AD)).isEqualTo(MESSAGE);
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    AesGcmAead aead = new AesGcmAead(key(10));
    aead.destroy();
    assertThat(aead.isDestroyed()).isTrue();
    assertThatThrownBy(() -> aead.encrypt(MESSAGE, AD)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_showsNoKey() {
    SecretBytes k = key(11);
    String hex = HexFormat.of().formatHex(k.copyBytes());
    assertThat(new AesGcmAead(k).toString())
        .doesNotContain(hex.substring(0, 8))
        .isEqualTo("AesGcmAead[key=redacted]");
  }
}
