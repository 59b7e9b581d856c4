package io.spike.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CipherPlaintextTest {
  private static final byte[] PLAIN = "attack at dawn".getBytes(StandardCharsets.UTF_8);

  @Test
  void wire_isBase64UnderPlaintext_andRoundTrips() {
    String json = new String(Json.encode(new CipherPlaintext(PLAIN)), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"plaintext\":\"YXR0YWNrIGF0IGRhd24=\"}");
    assertThat(
            Json.decode(json.getBytes(StandardCharsets.UTF_8), CipherPlaintext.class).plaintext())
        .isEqualTo(PLAIN);
    assertThat(
            Json.decode("{}".getBytes(StandardCharsets.UTF_8), CipherPlaintext.class).plaintext())
        .isEmpty();
  }

  @Test
  void constructorAndAccessor_copy() {
    byte[] given = PLAIN.clone();
    CipherPlaintext p = new CipherPlaintext(given);
    given[0] ^= 1;
    byte[] out = p.plaintext();
    out[1] ^= 1;

    assertThat(p.plaintext()).isEqualTo(PLAIN);
  }

  @Test
  void destroy_zeroesTheBytes() {
    CipherPlaintext p = new CipherPlaintext(PLAIN);
    assertThat(p.isDestroyed()).isFalse();

    p.destroy();

    assertThat(p.isDestroyed()).isTrue();
    assertThat(p.plaintext()).hasSize(PLAIN.length).containsOnly(0);
  }

  @Test
  void withPlaintext_lendsTheBytes() {
    assertThat(new CipherPlaintext(PLAIN).withPlaintext(byte[]::clone)).isEqualTo(PLAIN);
  }

  @Test
  void equals_byContent_toStringRedacted() {
    CipherPlaintext p = new CipherPlaintext(PLAIN);

    assertThat(p)
        .isEqualTo(new CipherPlaintext(PLAIN.clone()))
        .isNotEqualTo(new CipherPlaintext(new byte[PLAIN.length]))
        .hasSameHashCodeAs(new CipherPlaintext(new byte[PLAIN.length]));
    assertThat(p.toString()).isEqualTo("CipherPlaintext[redacted]").doesNotContain("attack");
  }
}
