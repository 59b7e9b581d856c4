package io.spike.nexus.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VersionChangeTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static TreeMap<Integer, StoredVersion> versions(boolean... live) {
    TreeMap<Integer, StoredVersion> out = new TreeMap<>();
    for (int i = 0; i < live.length; i++) {
      out.put(
          i + 1,
          new StoredVersion(Map.of("k", "v"), T, live[i] ? Optional.empty() : Optional.of(T)));
    }
    return out;
  }

  @Test
  void delete_empty_deletesCurrent_andCurrentMovesDown() {
    VersionChange change = VersionChange.plan(versions(true, true, true), 3, List.of(), true, T);
    assertThat(change.changed()).containsOnlyKeys(3);
    assertThat(change.currentVersion()).isEqualTo(2);
  }

  @Test
  void delete_everything_leavesCurrentZero() {
    VersionChange change = VersionChange.plan(versions(true, true), 2, List.of(1, 2), true, T);
    assertThat(change.currentVersion()).isZero();
  }

  @Test
  void delete_missingOrAlreadyDeleted_changesNothing() {
    VersionChange change = VersionChange.plan(versions(false, true), 2, List.of(1, 9), true, T);
    assertThat(change.changed()).isEmpty();
    assertThat(change.currentVersion()).isEqualTo(2);
  }

  @Test
  void undelete_zeroWithNothingLive_restoresNewest() {
    VersionChange change =
        VersionChange.plan(versions(false, false, false), 0, List.of(0), false, T);
    assertThat(change.changed()).containsOnlyKeys(3);
    assertThat(change.currentVersion()).isEqualTo(3);
  }

  @Test
  void undelete_olderVersion_keepsHigherCurrent() {
    VersionChange change = VersionChange.plan(versions(false, true), 2, List.of(1), false, T);
    assertThat(change.changed()).containsOnlyKeys(1);
    assertThat(change.currentVersion()).isEqualTo(2);
  }

  @Test
  void undelete_newerVersion_becomesCurrent() {
    VersionChange change = VersionChange.plan(versions(true, false), 1, List.of(2), false, T);
    assertThat(change.currentVersion()).isEqualTo(2);
  }
}
