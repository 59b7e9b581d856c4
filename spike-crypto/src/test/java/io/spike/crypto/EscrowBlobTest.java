package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EscrowBlobTest {

  private static final char[] PASSWORD = "fuzz-password".toCharArray();
  private static final Argon2Params CHEAP = new Argon2Params(8, 1, 1);

  /** The one blob the fuzz target's password opens (seeded: the same bytes every run). */
  private static final byte[] KNOWN = wrapKnown();

  private static final String REFUSED_COST =
      "escrow blob refused: Argon2 cost outside 8 KiB..256 MiB, 1..10 passes, 1..16 lanes";

  private static byte[] wrapKnown() {
    try {
      return PasswordEscrow.wrap(TestKeys.key(1), PASSWORD, TestKeys.seeded(1), CHEAP);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void parse_ofWrap_takesItApartAndEncodesBack() throws Exception {
    EscrowBlob blob = EscrowBlob.parse(KNOWN);
    assertThat(blob.params()).isEqualTo(CHEAP);
    assertThat(blob.associatedData()).isEqualTo(Arrays.copyOf(KNOWN, EscrowBlob.HEADER_BYTES));
    assertThat(blob.salt()).hasSize(EscrowBlob.SALT_BYTES);
    assertThat(blob.sealed()).hasSize(EscrowBlob.SEALED_BYTES);
    assertThat(blob.encode()).isEqualTo(KNOWN);
    assertThat(blob).hasToString("EscrowBlob[memoryKiB=8, iterations=1, parallelism=1]");
  }

  @Test
  void parse_wrongLengthVersionOrSaltLength_isRefused() {
    byte[] version = KNOWN.clone();
    version[0] = 2;
    byte[] saltLength = KNOWN.clone();
    saltLength[13] = 15;
    assertThatThrownBy(() -> EscrowBlob.parse(Arrays.copyOf(KNOWN, KNOWN.length - 1)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("malformed escrow blob");
    assertThatThrownBy(() -> EscrowBlob.parse(Arrays.copyOf(KNOWN, KNOWN.length + 1)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("malformed escrow blob");
    assertThatThrownBy(() -> EscrowBlob.parse(version))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("unsupported escrow version");
    assertThatThrownBy(() -> EscrowBlob.parse(saltLength))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("malformed escrow blob");
  }

  @Test
  void parse_costAboveTheBounds_isRefusedNamingTheBounds() {
    int[][] costs = {
      {(256 << 10) + 1, 3, 1},
      {1 << 20, 3, 1},
      {Integer.MAX_VALUE, 1, 1},
      {64 << 10, 11, 1},
      {64 << 10, 64, 1},
      {64 << 10, 3, 17},
      {0, 3, 1},
      {8, 0, 1}
    };
    for (int[] cost : costs) {
      byte[] blob = KNOWN.clone();
      ByteBuffer.wrap(blob).putInt(1, cost[0]).putInt(5, cost[1]).putInt(9, cost[2]);
      assertThatThrownBy(() -> EscrowBlob.parse(blob))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage(REFUSED_COST);
    }
  }

  /**
   * Fuzz target (regression inputs in EscrowBlobTestInputs/): any bytes are either refused with a
   * fixed message (and unwrap refuses them the same way, without hashing), or parse to a cost
   * within 256 MiB and 10 passes and encode back to the same bytes. When the cost is cheap enough
   * to run, unwrap under the fuzz password opens the one known blob and nothing else.
   */
  @FuzzTest(maxDuration = "60s")
  void parse_fuzzedBlob_isRefusedTerselyOrBoundedAndReencodes(byte[] input) throws Exception {
    EscrowBlob blob;
    try {
      blob = EscrowBlob.parse(input);
    } catch (GeneralSecurityException e) {
      assertThat(e.getMessage())
          .isIn("malformed escrow blob", "unsupported escrow version", REFUSED_COST);
      assertThatThrownBy(() -> PasswordEscrow.unwrap(input, PASSWORD))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage(e.getMessage());
      return;
    }
    assertThat(blob.params().memoryKiB()).isBetween(8, 256 << 10);
    assertThat(blob.params().iterations()).isBetween(1, 10);
    assertThat(blob.encode()).isEqualTo(input);
    if (blob.params().memoryKiB() <= 64 && blob.params().iterations() <= 2) {
      RootKey key;
      try {
        key = PasswordEscrow.unwrap(input, PASSWORD);
      } catch (GeneralSecurityException e) {
        assertThat(e).hasMessage("wrong password");
        return;
      }
      assertThat(input).isEqualTo(KNOWN);
      assertThat(key).isEqualTo(TestKeys.key(1));
      key.destroy();
    }
  }
}
