package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordEscrowTest {

  /** Cheap enough to run hundreds of times. */
  private static final Argon2Params FAST = new Argon2Params(8, 1, 1);

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  private static byte[] wrapFast(RootKey key, char[] password) throws GeneralSecurityException {
    return PasswordEscrow.wrap(key, password, new SecureRandom(), FAST);
  }

  @Test
  void unwrap_ofWrap_roundTrips() throws Exception {
    RootKey key = TestKeys.key(1);
    byte[] blob = wrapFast(key, PASSWORD);
    assertThat(blob).hasSize(PasswordEscrow.BLOB_BYTES);
    assertThat(PasswordEscrow.unwrap(blob, PASSWORD.clone())).isEqualTo(key);
  }

  @Test
  void unwrap_ofWrap_defaultParameters_roundTrips() throws Exception {
    RootKey key = TestKeys.key(2);
    byte[] blob = PasswordEscrow.wrap(key, PASSWORD, new SecureRandom());
    ByteBuffer header = ByteBuffer.wrap(blob);
    assertThat(header.get()).isEqualTo((byte) 1);
    assertThat(header.getInt()).isEqualTo(64 * 1024);
    assertThat(header.getInt()).isEqualTo(3);
    assertThat(header.getInt()).isEqualTo(1);
    assertThat(header.get()).isEqualTo((byte) 16);
    assertThat(PasswordEscrow.unwrap(blob, PASSWORD)).isEqualTo(key);
  }

  @Test
  void unwrap_wrongPassword_fails() throws Exception {
    byte[] blob = wrapFast(TestKeys.key(3), PASSWORD);
    String[] wrongs = {"correct horse battery stapl", "Correct horse battery staple", "x"};
    for (String wrong : wrongs) {
      assertThatThrownBy(() -> PasswordEscrow.unwrap(blob, wrong.toCharArray()))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage("wrong password");
    }
  }

  @Test
  void unwrap_everyTamperedBlob_fails() throws Exception {
    byte[] blob = wrapFast(TestKeys.key(4), PASSWORD);
    int cases = 0;
    for (byte[] bad : Tamper.all(blob)) {
      assertThatThrownBy(() -> PasswordEscrow.unwrap(bad, PASSWORD))
          .isInstanceOf(GeneralSecurityException.class);
      cases++;
    }
    assertThat(cases).isEqualTo(blob.length * 9 + 3);
  }

  @Test
  void unwrap_costAboveLimits_rejectedBeforeHashing() throws Exception {
    byte[] blob = wrapFast(TestKeys.key(5), PASSWORD);
    ByteBuffer.wrap(blob).putInt(1, Integer.MAX_VALUE);
    long start = System.nanoTime();
    assertThatThrownBy(() -> PasswordEscrow.unwrap(blob, PASSWORD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("escrow blob refused: ");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void unwrap_blobAsking1GiBOr64Passes_isRefusedBeforeHashing_namingTheBoundNotTheBlob()
      throws Exception {
    byte[] heavyMemory = wrapFast(TestKeys.key(11), PASSWORD);
    ByteBuffer.wrap(heavyMemory).putInt(1, 1 << 20).putInt(5, 1);
    byte[] manyPasses = wrapFast(TestKeys.key(12), PASSWORD);
    ByteBuffer.wrap(manyPasses).putInt(1, 8).putInt(5, 64);
    for (byte[] blob : new byte[][] {heavyMemory, manyPasses}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> PasswordEscrow.unwrap(blob, PASSWORD))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageStartingWith("escrow blob refused: ")
          .hasMessageContaining("256 MiB")
          .hasMessageContaining("10 passes")
          .hasMessageNotContaining("1048576")
          .hasMessageNotContaining("64");
      assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
  }

  @Test
  void unwrap_unknownVersion_rejected() throws Exception {
    byte[] blob = wrapFast(TestKeys.key(6), PASSWORD);
    blob[0] = 2;
    assertThatThrownBy(() -> PasswordEscrow.unwrap(blob, PASSWORD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("unsupported escrow version");
  }

  @Test
  void wrap_samePasswordTwice_differentSaltsAndNonces() throws Exception {
    RootKey key = TestKeys.key(7);
    byte[] a = wrapFast(key, PASSWORD);
    byte[] b = wrapFast(key, PASSWORD);
    int saltStart = PasswordEscrow.HEADER_BYTES - PasswordEscrow.SALT_BYTES;
    assertThat(Arrays.copyOfRange(a, saltStart, PasswordEscrow.HEADER_BYTES))
        .isNotEqualTo(Arrays.copyOfRange(b, saltStart, PasswordEscrow.HEADER_BYTES));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void wrap_leavesCallersPasswordAlone_andNonAsciiWorks() throws Exception {
    char[] password = "pässwörd-\u00e9\u4e2d".toCharArray();
    char[] before = password.clone();
    RootKey key = TestKeys.key(8);
    byte[] blob = wrapFast(key, password);
    assertThat(password).isEqualTo(before);
    assertThat(PasswordEscrow.unwrap(blob, password)).isEqualTo(key);
  }

  @Test
  void wrap_emptyOrInvalidPassword_rejected() {
    RootKey key = TestKeys.key(9);
    assertThatThrownBy(() -> wrapFast(key, new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wrapFast(key, new char[] {'\ud800'}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unwrap_isKeyedByPasswordNotRootKey() throws Exception {
    RootKey key = TestKeys.key(10);
    byte[] blob = wrapFast(key, PASSWORD);
    RootKey back = PasswordEscrow.unwrap(blob, PASSWORD);
    assertThat(KeyCheck.matches(back, KeyCheck.create(key))).isTrue();
  }
}
