package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.ShardValue;
import io.spike.config.Settings;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.nexus.backup.Snapshots;
import io.spike.store.StoreConfig;
import io.spike.testkit.LogCapture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run with every log line captured: no secret value, shard or key appears. */
class NexusLogsTest {
  private static final String SECRET_VALUE = "s3cr3t-VALUE-xyz";
  private static final String CIPHER_PLAINTEXT = "plain-TEXT-for-cipher-42";

  @TempDir Path dir;

  @Test
  void wholeRun_logsNoSecretValueShardOrKey() throws Exception {
    List<String> forbidden = new ArrayList<>(List.of(SECRET_VALUE, CIPHER_PLAINTEXT));
    try (LogCapture logs = LogCapture.start();
        NexusTestCluster cluster =
            NexusTestCluster.start(
                dir,
                new StoreConfig.Sqlite(dir.resolve("data").resolve("spike.db")),
                Map.of(
                    "SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL",
                    "300ms",
                    Settings.BACKUP_DIR.name(),
                    dir.resolve("backups").toString(),
                    Settings.BACKUP_INTERVAL.name(),
                    "1s"))) {
      List<byte[]> shards = cluster.seedKeepers();
      cluster.awaitReady();
      List<Shard> parts = new ArrayList<>();
      for (int i = 0; i < shards.size(); i++) {
        byte[] shard = shards.get(i);
        forbidden.add(HexFormat.of().formatHex(shard));
        forbidden.add(HexFormat.of().withUpperCase().formatHex(shard));
        forbidden.add(Base64.getEncoder().encodeToString(shard));
        forbidden.add(intsPrefix(shard, ", "));
        forbidden.add(intsPrefix(shard, ","));
        parts.add(Shard.of(i + 1, shard));
      }
      RootKey key = Shamir.combine(parts.subList(0, 2));
      SecretBytes material = key.material();
      byte[] keyBytes = material.copyBytes();
      forbidden.add(HexFormat.of().formatHex(keyBytes));
      forbidden.add(Base64.getEncoder().encodeToString(keyBytes));
      SecretBytes.wipe(keyBytes);
      byte[] hmacKey = key.deriveKey(Snapshots.HMAC_LABEL, Snapshots.HMAC_KEY_BYTES);
      forbidden.add(HexFormat.of().formatHex(hmacKey));
      forbidden.add(Base64.getEncoder().encodeToString(hmacKey));
      SecretBytes.wipe(hmacKey);
      material.destroy();
      key.destroy();

      NexusClient admin = cluster.client(cluster.superuser());
      admin.putSecret("apps/web/db", Map.of("password", SECRET_VALUE));
      admin.putSecret("apps/web/db", Map.of("password", SECRET_VALUE, "again", SECRET_VALUE));
      assertThat(admin.getSecret("apps/web/db", 0).data()).containsEntry("password", SECRET_VALUE);
      admin.secretMetadata("apps/web/db", 0);
      admin.deleteSecret("apps/web/db", List.of());
      admin.undeleteSecret("apps/web/db", List.of());
      admin.listSecrets();
      admin.putPolicy(
          new PolicyPutRequest(
              "web", "spiffe://spike\\.ist/apps/web", "apps/web/.*", List.of("read")));
      cluster.client(cluster.workload()).getSecret("apps/web/db", 0);
      assertThatThrownBy(
          () -> cluster.client(cluster.svid("/apps/other")).getSecret("apps/web/db", 0));
      admin.decrypt(
          admin.encrypt(new CipherPlaintext(CIPHER_PLAINTEXT.getBytes(StandardCharsets.UTF_8))));
      cluster.post(
          cluster.superuser(),
          Routes.SECRETS,
          "{\"path\":\"x\",\"values\":{\"k\":\"" + SECRET_VALUE + "\"} trailing");
      cluster.post(
          cluster.superuser(),
          Routes.SECRETS,
          "{\"path\":\"x\",\"values\":{\"k\":" + SECRET_VALUE + "}}");
      cluster.post(
          cluster.superuser(),
          Routes.SECRETS + "?action=get",
          "{\"path\":\"" + SECRET_VALUE + "\",\"version\":\"" + SECRET_VALUE + "\"}");
      cluster.post(
          cluster.superuser(),
          Routes.SECRETS,
          "{\"path\":\"big\",\"values\":{\"k\":\"" + SECRET_VALUE.repeat(80_000) + "\"}}");
      Path snapshot = dir.resolve("online.snap");
      try (InputStream in = admin.snapshot()) {
        Files.copy(in, snapshot);
      }
      assertThat(admin.verifySnapshot(snapshot).ok()).isTrue();
      cluster.keeperClient(1, cluster.svid(Role.NEXUS.path())).shard();
      NexusTestCluster.sleep(1200);
      cluster.restartNexus();
      cluster.awaitReady();
      assertThat(cluster.client(cluster.superuser()).getSecret("apps/web/db", 0).data())
          .containsEntry("password", SECRET_VALUE);

      String text = logs.text();
      assertThat(text)
          .contains("root key recovered from keepers")
          .contains("pushed shard")
          .contains("snapshot verified")
          .contains("streamed to")
          .contains("backup ");
      logs.assertNeverContains(forbidden);
    }
  }

  @Test
  void breakGlass_logsNoShardOrPassword() throws Exception {
    String password = "escrow-PASSWORD-marker-77";
    String wrongPassword = "wrong-PASSWORD-marker-88";
    List<byte[]> shards = new ArrayList<>();
    try (LogCapture logs = LogCapture.start();
        NexusTestCluster cluster =
            NexusTestCluster.start(
                dir, new StoreConfig.Sqlite(dir.resolve("data").resolve("spike.db")), Map.of())) {
      cluster.seedKeepers();
      cluster.awaitReady();
      NexusClient admin = cluster.client(cluster.superuser());
      admin.putSecret("apps/web/db", Map.of("password", SECRET_VALUE));
      List<byte[]> recovered = cluster.recoverShards();
      shards.addAll(recovered);
      admin.escrow(new PasswordRequest(password));
      assertThatThrownBy(
          () -> admin.escrow(new PasswordRequest("short-" + wrongPassword.substring(0, 3))));
      admin.rotate(new RotateRequest("keys"));

      cluster.restartNexusWithEmptyKeepers();
      NexusClient restorer = cluster.client(cluster.restoreRole());
      byte[] bad = recovered.get(1).clone();
      bad[31] ^= 0x01;
      shards.add(bad);
      restorer.restore(new RestoreRequest(1, ShardValue.ofBytes(recovered.get(0))));
      assertThatThrownBy(() -> restorer.restore(new RestoreRequest(2, ShardValue.ofBytes(bad))));
      assertThat(
              restorer
                  .restore(new RestoreRequest(3, ShardValue.ofBytes(recovered.get(2))))
                  .wrongShards())
          .isEmpty(); // shard 2 was refused on arrival (commitments), never counted
      cluster.awaitReady();

      cluster.restartNexusWithEmptyKeepers();
      NexusClient unsealer = cluster.client(cluster.restoreRole());
      assertThatThrownBy(() -> unsealer.unseal(new PasswordRequest(wrongPassword)));
      cluster.post(
          cluster.restoreRole(),
          Routes.OPERATOR_UNSEAL,
          "{\"password\":\"" + wrongPassword + "\"} trailing");
      NexusTestCluster.sleep(1100);
      unsealer.unseal(new PasswordRequest(password));
      cluster.awaitReady();

      cluster.client(cluster.superuser()).rotate(new RotateRequest("root"));
      shards.addAll(cluster.recoverShards());

      String text = logs.text();
      assertThat(text)
          .contains(
              "restore: shard 1 accepted (1 of 2)",
              "restore: recovery shard 2 is not valid for this system",
              "restore: root key reconstructed and checked; nexus is unsealed",
              "data keys rotated to term 2",
              "root key rotated; earlier recovery shards are void",
              "unseal: wrong password");
      List<String> forbidden =
          new ArrayList<>(
              List.of(
                  SECRET_VALUE,
                  password,
                  wrongPassword,
                  password.substring(0, 12),
                  wrongPassword.substring(0, 12)));
      for (byte[] shard : shards) {
        forbidden.add(HexFormat.of().formatHex(shard));
        forbidden.add(HexFormat.of().formatHex(shard).substring(0, 16));
        forbidden.add(HexFormat.of().withUpperCase().formatHex(shard).substring(0, 16));
        forbidden.add(Base64.getEncoder().encodeToString(shard).substring(0, 16));
        forbidden.add(intsPrefix(shard, ", "));
        forbidden.add(intsPrefix(shard, ","));
      }
      logs.assertNeverContains(forbidden);
    }
  }

  private static String intsPrefix(byte[] shard, String separator) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      out.append(i == 0 ? "" : separator).append(shard[i] & 0xff);
    }
    return out.toString();
  }
}
