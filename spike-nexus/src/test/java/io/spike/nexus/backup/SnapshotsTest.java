package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.Keyring;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.ShardCommitments;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.SystemKey;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotRecovery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
  @TempDir Path dir;
  private final LiveStore live = new LiveStore().withData();

  @AfterEach
  void close() {
    live.close();
  }

  @Test
  void write_streamsASignedSnapshot_withTheKeyringTerms() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Instant created = Instant.parse("2030-05-06T07:08:09Z");

    SnapshotHeader header = live.snapshots.write(out, created);

    Path file = Files.write(dir.resolve("streamed.snap"), out.toByteArray());
    InspectReport report = SnapshotReader.inspect(file);
    assertThat(report.ok()).isTrue();
    assertThat(report.header()).contains(header);
    assertThat(header.signed()).isTrue();
    assertThat(header.created()).isEqualTo(created);
    assertThat(header.backend()).isEqualTo("memory");
    assertThat(header.keyringTerms()).containsExactly(1);
    byte[] hmacKey = live.key.deriveKey(Snapshots.HMAC_LABEL, Snapshots.HMAC_KEY_BYTES);
    assertThat(SnapshotReader.verifyHmac(file, hmacKey)).isTrue();
    SecretBytes.wipe(hmacKey);
  }

  @Test
  void write_carriesTheRecoveryBlock_onlyWhenTheStoreHasCommitments() {
    assertThat(live.snapshots.write(new ByteArrayOutputStream(), Instant.now()).recovery())
        .isEmpty();
    ShardCommitments commitments = ShardCommitments.of(live.key, 3, 2);
    live.store.putSystem(Map.of(SystemKey.SHARD_COMMITMENTS, commitments.encode()));

    SnapshotHeader header = live.snapshots.write(new ByteArrayOutputStream(), Instant.now());

    assertThat(header.recovery()).contains(new SnapshotRecovery(2, 3, commitments.fingerprint()));
  }

  @Test
  void writeFile_isPrivate_andCarriesEveryTermAfterRotation() throws Exception {
    Keyring stored = Keyring.unwrap(live.key, live.store.system(SystemKey.KEYRING).orElseThrow());
    live.barrier.replaceKeyring(stored.rotate(live.random));
    stored.destroy();
    Path file = dir.resolve("rotated.snap");

    SnapshotHeader header = live.snapshots.writeFile(file, Instant.now());

    assertThat(header.keyringTerms()).isEqualTo(List.of(1, 2));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void sealed_isRefused_andWritesNothing() {
    live.barrier.seal();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> live.snapshots.write(out, Instant.now()))
        .isInstanceOf(SealedException.class);
    assertThat(out.size()).isZero();
  }
}
