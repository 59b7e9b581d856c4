package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.ChangeLogPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotHeaderTest {

  private static final SnapshotCounts COUNTS = new SnapshotCounts(1, 2, 3, 4);

  private static SnapshotHeader header(byte[] keyCheck) {
    return new SnapshotHeader(1, Instant.EPOCH, "sqlite", COUNTS, List.of(1, 2), keyCheck, true);
  }

  @Test
  void keyCheck_isCopiedInAndOut_andComparedByContent() {
    byte[] keyCheck = "KEYCHECK".getBytes(StandardCharsets.UTF_8);
    SnapshotHeader h = header(keyCheck);
    keyCheck[0] = 'X';
    h.keyCheck()[1] = 'X';

    assertThat(h.keyCheck()).isEqualTo("KEYCHECK".getBytes(StandardCharsets.UTF_8));
    assertThat(h)
        .isEqualTo(header("KEYCHECK".getBytes(StandardCharsets.UTF_8)))
        .hasSameHashCodeAs(header("KEYCHECK".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(header(new byte[0]));
  }

  @Test
  void toString_showsTheLengthNotTheBytes() {
    String printed = header("KEYCHECK".getBytes(StandardCharsets.UTF_8)).toString();

    assertThat(printed)
        .contains("sqlite", "keyCheck=8 bytes", "signed=true")
        .doesNotContain("KEYCHECK", "[B@", "75, 69");
  }

  @Test
  void invalidHeaders_areRefused() {
    assertThatThrownBy(
            () -> new SnapshotHeader(0, Instant.EPOCH, "s", COUNTS, List.of(), new byte[0], false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SnapshotHeader(1, Instant.EPOCH, "s", COUNTS, List.of(), null, false))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void changeLog_isOptional_takesPartInEquality_andPrints() {
    SnapshotHeader without = header(new byte[0]);
    SnapshotHeader with =
        new SnapshotHeader(
            1,
            Instant.EPOCH,
            "sqlite",
            COUNTS,
            List.of(1, 2),
            new byte[0],
            true,
            Optional.of(new ChangeLogPosition("log1", 9)),
            Optional.empty());

    assertThat(without.changeLog()).isEmpty();
    assertThat(with).isNotEqualTo(without);
    assertThat(with.toString()).contains("log1", "lastSeq=9");
    assertThatThrownBy(
            () ->
                new SnapshotHeader(
                    1,
                    Instant.EPOCH,
                    "s",
                    COUNTS,
                    List.of(),
                    new byte[0],
                    false,
                    null,
                    Optional.empty()))
        .isInstanceOf(NullPointerException.class);
  }
}
