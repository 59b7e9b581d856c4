package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeBodyTest {

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static final List<ChangeBody> BODIES =
      List.of(
          new ChangeBody.SecretWritten(
              new SecretWrite(
                  "app/é",
                  3,
                  b("meta"),
                  List.of(
                      new VersionRecord("app/é", 4, b("v4")), new VersionRecord("app/é", 5, b(""))),
                  List.of(1, 2))),
          new ChangeBody.PolicyPut(new PolicyRecord("ops", b("pol"))),
          new ChangeBody.PolicyDeleted("ops"),
          new ChangeBody.SystemUpdated(
              Map.of(SystemKey.KEYRING, b("ring"), SystemKey.KEY_CHECK, b("kc")),
              Set.of(SystemKey.ESCROW)),
          new ChangeBody.Wiped());

  @Test
  void everyKind_roundTripsThroughItsEncoding() {
    for (ChangeBody body : BODIES) {
      assertThat(ChangeBody.decode(body.kind(), body.encode())).isEqualTo(body);
    }
  }

  @Test
  void everyTruncation_andTrailingData_isRefused_asIllegalArgument() {
    for (ChangeBody body : BODIES) {
      byte[] bytes = body.encode();
      for (int length = 0; length < bytes.length; length++) {
        byte[] truncated = Arrays.copyOf(bytes, length);
        assertThat(catchThrowable(() -> ChangeBody.decode(body.kind(), truncated)))
            .as("%s truncated to %d", body.kind(), length)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(
              () -> ChangeBody.decode(body.kind(), Arrays.copyOf(bytes, bytes.length + 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hugeCountsAndLengths_areRefused_withoutAllocating() {
    byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> ChangeBody.decode(Change.Kind.POLICY_DELETE, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed change body");
    assertThatThrownBy(() -> ChangeBody.decode(Change.Kind.SYSTEM_UPDATE, huge))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everySingleByteFlip_decodesToSomethingElse_orIsRefused() {
    for (ChangeBody body : BODIES) {
      byte[] bytes = body.encode();
      for (int i = 0; i < bytes.length; i++) {
        byte[] flipped = bytes.clone();
        flipped[i] ^= (byte) 0xFF;
        try {
          assertThat(ChangeBody.decode(body.kind(), flipped)).isNotEqualTo(body);
        } catch (IllegalArgumentException refused) {
          assertThat(refused).hasMessageStartingWith("malformed change body");
        }
      }
    }
  }

  @Test
  void unknownSystemKeys_andInvalidUtf8_areRefused() {
    byte[] unknownKey =
        new ChangeBody.SystemUpdated(Map.of(SystemKey.ESCROW, b("x")), Set.of()).encode();
    byte[] renamed =
        new String(unknownKey, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace("escrow", "escrox")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> ChangeBody.decode(Change.Kind.SYSTEM_UPDATE, renamed))
        .hasMessageContaining("unknown system record");
    byte[] badUtf8 = {0, 0, 0, 1, (byte) 0xC3};
    assertThatThrownBy(() -> ChangeBody.decode(Change.Kind.POLICY_DELETE, badUtf8))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void systemUpdated_copiesValues_andPrintsKeysOnly() {
    byte[] value = b("SECRETCIPHER");
    ChangeBody.SystemUpdated update =
        new ChangeBody.SystemUpdated(Map.of(SystemKey.KEYRING, value), Set.of());
    value[0] = 'x';
    update.puts().get(SystemKey.KEYRING)[1] = 'x';

    assertThat(update.puts().get(SystemKey.KEYRING)).isEqualTo(b("SECRETCIPHER"));
    assertThat(update.toString()).contains("KEYRING").doesNotContain("SECRETCIPHER", "[B@");
    assertThatThrownBy(
            () ->
                new ChangeBody.SystemUpdated(
                    Map.of(SystemKey.KEYRING, b("x")), Set.of(SystemKey.KEYRING)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
