package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShardTextTest {

  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String N_HEX = P256.ORDER.toString(16);
  private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{4,}");

  /** Every message decode may give: fixed texts, so none can echo the input. */
  private static final Set<String> MESSAGES =
      Set.of(
          "shard text must start with 'spike:'",
          "shard text must be spike:<id>:<64 lowercase hex>",
          "shard id must be a decimal number 1..255 without sign or leading zeros",
          "shard value must be exactly 64 lowercase hex digits",
          "shard value is out of range");

  /**
   * Fuzz target (regression inputs in ShardTextTestInputs/): any text is either refused with one of
   * the fixed messages, or decodes to a shard that encodes back to the stripped text (the canonical
   * form is the only form accepted).
   */
  @FuzzTest(maxDuration = "60s")
  void decode_fuzzedText_isRefusedTerselyOrRoundTrips(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Shard shard;
    try {
      shard = ShardText.decode(text);
    } catch (ShardFormatException e) {
      assertThat(e.getMessage()).isIn(MESSAGES);
      return;
    }
    try {
      assertThat(ShardText.encode(shard)).isEqualTo(text.strip());
      assertThat(shard.id()).isBetween(Shard.MIN_ID, Shard.MAX_ID);
      assertThat(shard).hasToString("Shard[id=" + shard.id() + ", value=redacted]");
    } finally {
      shard.destroy();
    }
  }

  @Test
  void decode_ofEncode_roundTrips() {
    SplittableRandom random = new SplittableRandom(1);
    for (int k = 0; k < 20; k++) {
      for (Shard s : Shamir.split(TestKeys.key(random), 7, 3)) {
        String text = ShardText.encode(s);
        assertThat(text).matches("spike:[1-7]:[0-9a-f]{64}");
        assertThat(ShardText.decode(text)).isEqualTo(s);
      }
    }
  }

  @Test
  void encode_writesCanonicalForm() {
    assertThat(ShardText.encode(Shard.of(12, BigIntegerBytes.of(1))))
        .isEqualTo("spike:12:" + "0".repeat(63) + "1");
  }

  @Test
  void decode_surroundingWhitespace_ignored() {
    Shard s = ShardText.decode("  spike:3:" + HEX + "\n");
    assertThat(s.id()).isEqualTo(3);
    assertThat(ShardText.encode(s)).isEqualTo("spike:3:" + HEX);
    assertThat(ShardText.decode("\tspike:255:" + HEX + "\r\n").id()).isEqualTo(255);
  }

  @Test
  void decode_malformed_rejectedWithoutEchoingHex() {
    List<String> bad =
        List.of(
            "",
            "   ",
            HEX,
            "1:" + HEX,
            "spike" + HEX,
            "spike:" + HEX,
            "spike::" + HEX,
            "SPIKE:1:" + HEX,
            "spoke:1:" + HEX,
            "spike-1-" + HEX,
            "spike:0:" + HEX,
            "spike:256:" + HEX,
            "spike:1000:" + HEX,
            "spike:01:" + HEX,
            "spike:001:" + HEX,
            "spike:+1:" + HEX,
            "spike:-1:" + HEX,
            "spike: 1:" + HEX,
            "spike:1 :" + HEX,
            "spike:1a:" + HEX,
            "spike:\u0661:" + HEX,
            "spike:1:" + HEX.substring(1),
            "spike:1:" + HEX + "0",
            "spike:1:" + HEX.toUpperCase(),
            "spike:1:" + HEX.substring(0, 63) + "A",
            "spike:1:" + HEX.substring(0, 63) + "g",
            "spike:1:0x" + HEX.substring(2),
            "spike:1: " + HEX.substring(1),
            "spike:1:" + HEX + ":",
            "spike:1:" + HEX + " x",
            "spike:1:" + HEX + "\n" + "spike:2:" + HEX,
            "spike:1:" + N_HEX,
            "spike:1:" + P256.ORDER.add(BigInteger.ONE).toString(16),
            "spike:1:" + "f".repeat(64),
            "spike:1:" + "0".repeat(64));
    for (String text : bad) {
      assertThatThrownBy(() -> ShardText.decode(text))
          .as("input %s", text)
          .isInstanceOf(ShardFormatException.class)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(
              e ->
                  assertThat(HEX_RUN.matcher(e.getMessage()).find())
                      .as("message '%s' must hold no hex", e.getMessage())
                      .isFalse());
    }
  }

  @Test
  void decode_largestValidValue_accepted() {
    String max = P256.ORDER.subtract(BigInteger.ONE).toString(16);
    assertThat(ShardText.encode(ShardText.decode("spike:9:" + max))).isEqualTo("spike:9:" + max);
  }

  @Test
  void fileName_namesTheShard() {
    assertThat(ShardText.fileName(3)).isEqualTo("spike.recovery.3.txt");
    assertThat(ShardText.fileName(255)).isEqualTo("spike.recovery.255.txt");
    assertThatThrownBy(() -> ShardText.fileName(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShardText.fileName(256)).isInstanceOf(IllegalArgumentException.class);
  }

  private static final class BigIntegerBytes {
    static byte[] of(long v) {
      return P256.toFixed32(BigInteger.valueOf(v));
    }
  }
}
