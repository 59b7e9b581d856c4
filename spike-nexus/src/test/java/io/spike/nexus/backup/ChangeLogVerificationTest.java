package io.spike.nexus.backup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.RootKey;
import io.spike.store.Change;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.changelog.ChainState;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeSegments;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeLogVerificationTest {
  @TempDir Path dir;

  private final RootKey rootKey = RootKey.generate(new SecureRandom());
  private SpikeStore source;
  private SpikeStore scratch;
  private BackupTarget target;
  private Path snapshot;
  private String segment;

  /** A snapshot of a small store, then three policy changes shipped in one segment. */
  @BeforeEach
  void snapshotThenShippedChanges() {
    source = Stores.open(new StoreConfig.Memory());
    scratch = Stores.open(new StoreConfig.Memory());
    target = BackupTargets.open(dir.resolve("target").toString());
    source.initialize(Map.of(SystemKey.KEY_CHECK, "check".getBytes(UTF_8)));
    source.putPolicy(new PolicyRecord("first", "p1".getBytes(UTF_8)));
    snapshot = dir.resolve("s.snap");
    byte[] snapshotKey = rootKey.deriveKey(Snapshots.HMAC_LABEL, Snapshots.HMAC_KEY_BYTES);
    SnapshotWriter.writeFile(
        source, snapshot, SnapshotOptions.signed(Instant.now(), "memory", List.of(), snapshotKey));
    scratch.importAll(sink -> source.export(sink));
    long after = source.changeLog().lastSeq();

    for (String name : List.of("a", "b", "c")) {
      source.putPolicy(new PolicyRecord(name, name.getBytes(UTF_8)));
    }
    String logId = source.changeLog().logId();
    List<Change> changes = source.changesAfter(logId, 0, 100);
    byte[] key = logKey(rootKey);
    ChangeSegments.write(target, logId, ChainState.initial(), changes, key);
    segment = target.list("changes/").get(0);
    assertThat(changes.get(changes.size() - 1).seq()).isEqualTo(after + 3);
  }

  @AfterEach
  void close() {
    source.close();
    scratch.close();
    rootKey.destroy();
  }

  private static byte[] logKey(RootKey key) {
    return key.deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES);
  }

  @Test
  void theShippedChangesVerifyAndReplayOntoTheSnapshot() {
    assertThat(new ChangeLogVerification().verifyAfter(target, snapshot, scratch, rootKey))
        .isEmpty();
    assertThat(scratch.policies()).extracting(PolicyRecord::name).contains("a", "b", "c");
  }

  @Test
  void aFlippedByteIsAProblemNamingTheSegment() throws Exception {
    Path file = dir.resolve("target").resolve(segment);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThat(new ChangeLogVerification().verifyAfter(target, snapshot, scratch, rootKey))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(segment);
  }

  @Test
  void anotherSystemsKeyDoesNotVerifyTheLog() {
    RootKey other = RootKey.generate(new SecureRandom());
    try {
      assertThat(new ChangeLogVerification().verifyAfter(target, snapshot, scratch, other))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains(segment);
    } finally {
      other.destroy();
    }
  }
}
