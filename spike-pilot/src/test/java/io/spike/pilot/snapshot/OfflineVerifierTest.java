package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineVerifierTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  private OfflineVerifier.Result verify(Path snap) {
    SnapshotHeader header = SnapshotReader.inspect(snap).header().orElseThrow();
    List<Shard> shards = RecoveryShards.fromDir(system.writeShards(dir.resolve("shards"), 1, 2));
    ShardSearch.Found found = KeyFinder.find(shards, header.keyCheck()).orElseThrow();
    try {
      return OfflineVerifier.verify(snap, header, found.key());
    } finally {
      found.key().destroy();
      shards.forEach(Shard::destroy);
    }
  }

  @Test
  void verify_goodSnapshot_opensEveryRecord() {
    OfflineVerifier.Result r = verify(system.snapshotIn(dir));

    assertThat(r.ok()).as(r.problems().toString()).isTrue();
    assertThat(r.signed()).isTrue();
    assertThat(r)
        .extracting(
            OfflineVerifier.Result::secrets,
            OfflineVerifier.Result::versions,
            OfflineVerifier.Result::policies)
        .containsExactly(2L, 3L, 1L);
  }

  @Test
  void verify_recordBoundElsewhere_failsByPlace() {
    OfflineVerifier.Result r = verify(system.snapshotWithMisplacedPolicy(dir.resolve("s.snap")));

    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .containsExactly(
            "policy|web: does not decrypt", "policies: 0 decrypted, the header counts 1");
    assertThat(r.secrets()).isEqualTo(2);
  }

  @Test
  void verify_hmacOfAnotherKey_fails() {
    OfflineVerifier.Result r = verify(system.snapshotSignedByAnotherKey(dir.resolve("s.snap")));

    assertThat(r.problems()).singleElement().asString().startsWith("hmac: does not match");
  }
}
