package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeTest {

  private static final Change CHANGE =
      Change.of(
          7,
          Instant.ofEpochMilli(1_700_000_000_123L),
          new ChangeBody.PolicyPut(new PolicyRecord("ops", "SECRETCIPHER".getBytes(UTF_8))));

  @Test
  void of_encodesTheBody_andDecodeGivesItBack() {
    assertThat(CHANGE.kind()).isEqualTo(Change.Kind.POLICY_PUT);
    assertThat(CHANGE.decode())
        .isEqualTo(
            new ChangeBody.PolicyPut(new PolicyRecord("ops", "SECRETCIPHER".getBytes(UTF_8))));
    assertThat(new Change(7, CHANGE.at(), CHANGE.kind(), CHANGE.body())).isEqualTo(CHANGE);
  }

  @Test
  void toString_showsTheBodysLengthOnly() {
    assertThat(CHANGE.toString())
        .contains("seq=7", "POLICY_PUT", "bytes")
        .doesNotContain("SECRETCIPHER", "[B@");
  }

  @Test
  void body_isCopiedInAndOut() {
    byte[] body = CHANGE.body();
    Change change = new Change(1, Instant.EPOCH, Change.Kind.POLICY_PUT, body);
    body[0] ^= 1;
    change.body()[0] ^= 1;
    assertThat(change.decode()).isEqualTo(CHANGE.decode());
  }

  @Test
  void invalidChanges_areRefused() {
    assertThatThrownBy(() -> new Change(0, Instant.EPOCH, Change.Kind.WIPE, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Change(1, Instant.ofEpochSecond(1, 1), Change.Kind.WIPE, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Change(1, Instant.EPOCH, null, new byte[0]))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void kindCodes_areStable_andUnknownCodesAreEmpty() {
    assertThat(Change.Kind.values()).extracting(Change.Kind::code).containsExactly(1, 2, 3, 4, 5);
    for (Change.Kind kind : Change.Kind.values()) {
      assertThat(Change.Kind.fromCode(kind.code())).contains(kind);
    }
    assertThat(Change.Kind.fromCode(0)).isEmpty();
    assertThat(Change.Kind.fromCode(6)).isEmpty();
  }
}
