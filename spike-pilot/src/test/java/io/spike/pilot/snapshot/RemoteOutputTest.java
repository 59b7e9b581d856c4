package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.SnapshotNames;
import io.spike.testkit.S3rverExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code spike snapshot save -o <target URL>}, against a real s3rver. */
class RemoteOutputTest {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  @TempDir Path dir;
  private final SnapshotFixture system = new SnapshotFixture();
  private final String url = S3.targetUrl("saved-" + UUID.randomUUID());
  private Path tmp;

  @BeforeEach
  void privateTmp() throws Exception {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Cli.Result run(FakeServer nexus, String... args) {
    return Cli.run(
        nexus == null ? Cli.NO_NETWORK : nexus.connector(),
        Map.of("TMPDIR", tmp.toString()),
        new byte[0],
        args);
  }

  private void assertNoCopyLeft() throws Exception {
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void saveOffline_toATargetUrl_storesAnIntactSnapshotUnderItsOwnName() throws Exception {
    Path db = system.sqliteStore(dir.resolve("data/spike.db"));

    Cli.Result r =
        run(null, "-f", "json", "snapshot", "save", "--store", "sqlite:" + db, "-o", url);

    assertThat(r.code()).as(r.err()).isZero();
    try (BackupTarget target = BackupTargets.open(url)) {
      List<String> names = target.list("");
      assertThat(names).hasSize(1).allMatch(n -> SnapshotNames.timeInName(n).isPresent());
      JsonNode json = Json.mapper().readTree(r.out());
      assertThat(json.get("file").asText()).startsWith(names.get(0) + " at s3://spike-test/saved-");
      Path back = dir.resolve("back.snap");
      target.download(names.get(0), back);
      assertThat(SnapshotReader.inspect(back).ok()).isTrue();
    }
    assertNoCopyLeft();
  }

  @Test
  void saveOnline_toAnObjectUrl_storesItUnderThatName() throws Exception {
    String name = "spike-snapshot-20261120T120000Z.snap";
    byte[] bytes = Files.readAllBytes(system.snapshot(dir.resolve("source.snap")));
    try (FakeServer nexus = new FakeServer()) {
      nexus.onBytes(Routes.OPERATOR_SNAPSHOT, "", bytes);
      String objectUrl = url.replaceFirst("\\?", "/" + name + "?");

      Cli.Result r = run(nexus, "snapshot", "save", "-o", objectUrl);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("saved " + name + " at s3://spike-test/saved-");
    }
    try (BackupTarget target = BackupTargets.open(url)) {
      assertThat(target.list("")).containsExactly(name);
    }
    assertNoCopyLeft();
  }

  @Test
  void saveOnline_damagedStream_storesNothing() throws Exception {
    byte[] bytes = Files.readAllBytes(system.snapshot(dir.resolve("source.snap")));
    bytes[bytes.length / 2] ^= 1;
    try (FakeServer nexus = new FakeServer()) {
      nexus.onBytes(Routes.OPERATOR_SNAPSHOT, "", bytes);

      Cli.Result r = run(nexus, "snapshot", "save", "-o", url);

      assertThat(r.code()).isEqualTo(1);
    }
    try (BackupTarget target = BackupTargets.open(url)) {
      assertThat(target.list("")).isEmpty();
    }
    assertNoCopyLeft();
  }

  @Test
  void save_toAnUnusableUrl_isBadUsage_withoutEchoingCredentials() {
    Cli.Result r = run(null, "snapshot", "save", "-o", "s3://key:hunter2@bucket/x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("-o is not a usable backup target").doesNotContain("hunter2");
  }
}
