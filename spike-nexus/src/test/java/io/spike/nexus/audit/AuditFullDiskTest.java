package io.spike.nexus.audit;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.ShardValue;
import io.spike.config.Settings;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.Tmpfs;
import io.spike.store.StoreConfig;
import io.spike.store.SystemKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log on a real file system that fills up: every change the API offers (put, delete,
 * policy create, rotate keys and root, escrow, restore) answers 500 {@code audit_unavailable} and
 * changes nothing, as a restart with space again shows. The audit line comes before the effect,
 * never after it.
 */
class AuditFullDiskTest {
  @TempDir Path dir;

  private static void assertAuditUnavailable(ThrowingCallable call) {
    assertRefused(call, ErrorCode.AUDIT_UNAVAILABLE);
  }

  @Test
  @Timeout(180)
  void auditDiskFull_everyChangeIs500_andARestartShowsNothingChanged() throws Exception {
    Path logs = dir.resolve("audit-disk");
    try (Tmpfs disk = Tmpfs.mount(logs, 1);
        NexusTestCluster cluster =
            NexusTestCluster.start(
                dir,
                new StoreConfig.Sqlite(dir.resolve("data").resolve("spike.db")),
                Map.of(Settings.AUDIT_LOG.name(), logs.resolve("audit.log").toString()))) {
      cluster.seedKeepers();
      cluster.awaitReady();
      NexusClient admin = cluster.client(cluster.superuser());
      admin.putSecret("apps/a", Map.of("k", "v1"));
      List<byte[]> shards = cluster.recoverShards();
      byte[] keyring = cluster.store().system(SystemKey.KEYRING).orElseThrow();
      byte[] keyCheck = cluster.store().system(SystemKey.KEY_CHECK).orElseThrow();

      Path filler = disk.fill();
      // The log's last page may still hold a few lines: reads (audited too) use them up.
      int reads = 0;
      while (reads < 500) {
        try {
          admin.getSecret("apps/a", 0);
          reads++;
        } catch (ApiException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
          break;
        }
      }
      assertThat(reads).isLessThan(500);
      assertAuditUnavailable(() -> admin.putSecret("apps/a", Map.of("k", "v2")));
      assertAuditUnavailable(() -> admin.putSecret("apps/new", Map.of("k", "v")));
      assertAuditUnavailable(() -> admin.deleteSecret("apps/a", List.of()));
      assertAuditUnavailable(
          () ->
              admin.putPolicy(
                  new PolicyPutRequest(
                      "p", "spiffe://spike\\.ist/x", "apps/.*", List.of("super"))));
      assertAuditUnavailable(() -> admin.rotate(new RotateRequest("keys")));
      assertAuditUnavailable(() -> admin.rotate(new RotateRequest("root")));
      assertAuditUnavailable(() -> admin.escrow(new PasswordRequest("a long escrow password")));
      assertThat(cluster.ops("/metrics").body())
          .containsPattern("spike_audit_failures_total [7-9]");

      // restore into a sealed Nexus while the disk is still full: refused, stays sealed
      cluster.restartNexusWithEmptyKeepers();
      NexusClient restorer = cluster.client(cluster.restoreRole());
      for (int id = 1; id <= 2; id++) {
        int shard = id;
        assertAuditUnavailable(
            () ->
                restorer.restore(
                    new RestoreRequest(shard, ShardValue.ofBytes(shards.get(shard - 1)))));
      }
      assertThat(cluster.ops("/readyz").statusCode()).isEqualTo(503);

      Files.delete(filler);
      cluster.restartNexus();
      NexusClient again = cluster.client(cluster.restoreRole());
      again.restore(new RestoreRequest(1, ShardValue.ofBytes(shards.get(0))));
      assertThat(again.restore(new RestoreRequest(2, ShardValue.ofBytes(shards.get(1)))).restored())
          .isTrue();
      cluster.awaitReady();

      NexusClient after = cluster.client(cluster.superuser());
      assertThat(after.getSecret("apps/a", 0).data()).containsEntry("k", "v1");
      assertThat(after.getSecret("apps/a", 0).version()).isEqualTo(1);
      assertThat(cluster.store().secret("apps/new")).isEmpty();
      assertThat(cluster.store().policies()).isEmpty();
      assertThat(cluster.store().system(SystemKey.ESCROW)).isEmpty();
      assertThat(cluster.store().system(SystemKey.KEYRING)).hasValue(keyring);
      assertThat(cluster.store().system(SystemKey.KEY_CHECK)).hasValue(keyCheck);
      assertThat(FileAuditLogTest.lines(logs.resolve("audit.log")))
          .allSatisfy(line -> assertThat(line).endsWith("}"));
    }
  }
}
