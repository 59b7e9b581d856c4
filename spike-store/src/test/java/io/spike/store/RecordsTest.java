package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The value records: validation, defensive copies, content equality, no bytes in toString. */
class RecordsTest {

  private static final byte[] CT = "SECRET-BYTES".getBytes(UTF_8);

  @Test
  void toString_showsLengthsNeverBytes() {
    VersionRecord v = new VersionRecord("p", 1, CT);
    String printed =
        String.join(
            " ",
            new SecretRecord("p", 1, CT).toString(),
            v.toString(),
            new PolicyRecord("n", CT).toString(),
            new SecretWrite("p", 0, CT, List.of(v), List.of()).toString());

    assertThat(printed).contains("12 bytes").doesNotContain("SECRET", "[B@", "83, 69, 67");
  }

  @Test
  void arrays_areCopiedInAndOut() {
    byte[] input = CT.clone();
    VersionRecord v = new VersionRecord("p", 1, input);
    input[0] = 0;
    v.ciphertext()[1] = 0;

    assertThat(v.ciphertext()).isEqualTo(CT);
  }

  @Test
  void equalsAndHashCode_compareContent() {
    assertThat(new VersionRecord("p", 1, CT))
        .isEqualTo(new VersionRecord("p", 1, CT.clone()))
        .hasSameHashCodeAs(new VersionRecord("p", 1, CT.clone()))
        .isNotEqualTo(new VersionRecord("p", 2, CT));
    assertThat(new SecretRecord("p", 3, CT))
        .isEqualTo(new SecretRecord("p", 3, CT.clone()))
        .hasSameHashCodeAs(new SecretRecord("p", 3, CT.clone()))
        .isNotEqualTo(new SecretRecord("p", 3, new byte[1]));
    assertThat(new PolicyRecord("n", CT))
        .isEqualTo(new PolicyRecord("n", CT.clone()))
        .hasSameHashCodeAs(new PolicyRecord("n", CT.clone()))
        .isNotEqualTo(new PolicyRecord("m", CT));
    assertThat(new SecretWrite("p", 0, CT, List.of(), List.of(1)))
        .isEqualTo(new SecretWrite("p", 0, CT.clone(), List.of(), List.of(1)))
        .hasSameHashCodeAs(new SecretWrite("p", 0, CT.clone(), List.of(), List.of(1)));
  }

  /** Keys must be non-blank without NUL; versions and revisions positive (a write's may be 0). */
  @Test
  void blankOrNulKeys_andNonPositiveNumbers_areRefused() {
    assertEachThrows(
        IllegalArgumentException.class,
        () -> new VersionRecord(" ", 1, CT),
        () -> new SecretRecord("a\0b", 1, CT),
        () -> new PolicyRecord("", CT),
        () -> new VersionRecord("p", 0, CT),
        () -> new SecretRecord("p", 0, CT),
        () -> new SecretWrite("p", -1, CT, List.of(), List.of()),
        () -> new SecretWrite("p", 0, CT, List.of(), List.of(0)));
    assertEachThrows(
        NullPointerException.class,
        () -> new PolicyRecord(null, CT),
        () -> new PolicyRecord("n", null));
  }

  @Test
  void secretWrite_rejectsInconsistentChanges() {
    VersionRecord v1 = new VersionRecord("p", 1, CT);
    assertThatThrownBy(() -> new SecretWrite("q", 0, CT, List.of(v1), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path");
    assertThatThrownBy(() -> new SecretWrite("p", 0, CT, List.of(v1, v1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretWrite("p", 0, CT, List.of(v1), List.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretWrite("p", 0, CT, List.of(), List.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretWrite_copiesItsLists_andKnowsItsNewRevision() {
    List<Integer> removals = new ArrayList<>(List.of(1));
    SecretWrite write = new SecretWrite("p", 4, CT, List.of(), removals);
    removals.add(2);

    assertThat(write.removals()).containsExactly(1);
    assertThat(write.newRevision()).isEqualTo(5);
    assertThatThrownBy(() -> write.removals().add(3))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void systemKey_idsAreStable() {
    assertThat(SystemKey.KEYRING.id()).isEqualTo("keyring");
    assertThat(SystemKey.KEY_CHECK.id()).isEqualTo("key-check");
    assertThat(SystemKey.ESCROW.id()).isEqualTo("escrow");
    assertThat(SystemKey.AUDIT_ANCHOR.id()).isEqualTo("audit-anchor");
    assertThat(SystemKey.SHARD_COMMITMENTS.id()).isEqualTo("shard-commitments");
  }

  /** Asserts that each construction throws {@code type} (numbered from 1 in the failure). */
  private static void assertEachThrows(
      Class<? extends Throwable> type, ThrowingCallable... constructions) {
    for (int i = 0; i < constructions.length; i++) {
      assertThatThrownBy(constructions[i]).as("construction %d", i + 1).isInstanceOf(type);
    }
  }
}
