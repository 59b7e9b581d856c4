package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotRecoveryTest {

  private static final String FINGERPRINT = "3f2a-91c0-0000-ffff-1234-5678-9abc-def0";

  @Test
  void describe_namesCountsAndFingerprint() {
    assertThat(new SnapshotRecovery(2, 3, FINGERPRINT).describe())
        .isEqualTo("needs 2 of 3 recovery shards (commitments " + FINGERPRINT + ")");
  }

  @Test
  void constructor_refusesBadCountsAndFingerprints() {
    assertThatThrownBy(() -> new SnapshotRecovery(0, 3, FINGERPRINT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRecovery(4, 3, FINGERPRINT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRecovery(2, 256, FINGERPRINT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRecovery(2, 3, "3F2A-91C0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRecovery(2, 3, "3f2a\\n91c0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
