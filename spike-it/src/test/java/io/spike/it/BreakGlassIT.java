package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Break-glass, end to end (issue 3): recovery shards written by {@code spike operator recover},
 * Nexus and every keeper killed with {@code kill -9}, and the system brought back by {@code spike
 * operator restore} shard by shard, by the escrowed password, after both rotations, and from a
 * factory reset.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreakGlassIT {
  private static final String VALUE = "bg-4e1d9c-SECRET-VALUE";
  private static final String PASSWORD = "correct horse battery staple 42";
  private static final List<String> shardTexts = new ArrayList<>();
  private static Path root;
  private static DevCluster cluster;

  @BeforeAll
  static void up() throws Exception {
    root = Files.createTempDirectory("spike-it-breakglass");
    cluster = new DevCluster(root.resolve("dev"), Map.of()).up();
    Cli su = cluster.superuser();
    su.spike("secret", "put", "apps/bg/db", "pass=" + VALUE).ok();
    su.spike("secret", "put", "apps/bg/db", "pass=" + VALUE + "-v2").ok();
    su.createPolicy("bg-read", "^spiffe://spike\\.ist/bg$", "^apps/bg/.*", "read").ok();
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Path recoverInto(String name) throws Exception {
    Path dir = root.resolve(name);
    Cli.Result r =
        cluster.role("recover").spike("operator", "recover", "--dir", dir.toString()).ok();
    for (int id = 1; id <= 3; id++) {
      Path f = dir.resolve("spike.recovery." + id + ".txt");
      assertThat(Files.getPosixFilePermissions(f))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      String text = Files.readString(f, StandardCharsets.UTF_8).strip();
      assertThat(text).matches("spike:" + id + ":[0-9a-f]{64}");
      shardTexts.add(text);
      assertThat(r.out() + r.err()).doesNotContain(text.substring(8));
    }
    return dir;
  }

  private static Path file(Path dir, int id) {
    return dir.resolve("spike.recovery." + id + ".txt");
  }

  private static void fullLossThenStartNexusAlone() {
    cluster.kill9All();
    cluster.start("nexus");
    DevCluster.await(Duration.ofSeconds(30), () -> cluster.opsGet("/healthz") == 200);
    assertThat(cluster.readyz()).isEqualTo(503);
  }

  private static void assertEverythingReadsBack() {
    Cli su = cluster.superuser();
    assertThat(su.spike("secret", "get", "apps/bg/db", "pass").ok().out())
        .isEqualTo(VALUE + "-v2\n");
    assertThat(su.spike("secret", "get", "apps/bg/db", "pass", "-v", "1").ok().out())
        .isEqualTo(VALUE + "\n");
    assertThat(su.spike("policy", "get", "bg-read").ok().out()).contains("bg-read");
  }

  @Test
  @Order(1)
  void onlyTheRightRoles_mayRecoverAndRestore() {
    Cli.Result su =
        cluster.superuser().spike("operator", "recover", "--dir", root.resolve("nope").toString());
    assertThat(su.exit()).isEqualTo(1);
    assertThat(su.err()).contains("access_unauthorized");
    Cli.Result restoreRecovers =
        cluster
            .role("restore")
            .spike("operator", "recover", "--dir", root.resolve("nope").toString());
    assertThat(restoreRecovers.exit()).isEqualTo(1);
    assertThat(restoreRecovers.err()).contains("access_unauthorized");
    assertThat(cluster.role("restore").spike("secret", "get", "apps/bg/db").exit()).isEqualTo(1);
    assertThat(cluster.role("restore").spike("secret", "list").err())
        .contains("access_unauthorized");
    assertThat(root.resolve("nope"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  @Order(2)
  void recoverTwice_givesShardsThatCombine_andRestoreIntoALiveNexusIs409() throws Exception {
    Path a = recoverInto("recover-a");
    Path b = recoverInto("recover-b");
    // Shards of two runs (any day) combine: 1 from the first run, 2 from the second.
    Shard s1 = ShardText.decode(Files.readString(file(a, 1)));
    Shard s2 = ShardText.decode(Files.readString(file(b, 2)));
    RootKey k = Shamir.combine(List.of(s1, s2));
    assertThat(k).isNotNull();
    k.destroy();

    Cli.Result live =
        cluster.role("restore").spike("operator", "restore", "--file", file(a, 1).toString());
    assertThat(live.exit()).isEqualTo(1);
    assertThat(live.err()).contains("state_conflict");
  }

  @Test
  @Order(3)
  void fullLoss_thenRestoreShardByShard_bringsEverythingBack_andKeepersAreRefilled() {
    Path a = root.resolve("recover-a");
    fullLossThenStartNexusAlone();
    Cli restore = cluster.role("restore");
    Cli.Result first = restore.spike("operator", "restore", "--file", file(a, 1).toString());
    assertThat(first.exit()).as(first.err()).isZero(); // accepted, one more to go
    assertThat(first.out())
        .contains("Shards collected: 1, Shards remaining: 1")
        .contains("Please run `spike operator restore` again to provide the remaining shards.");
    Cli.Result dup = restore.spike("operator", "restore", "--file", file(a, 1).toString());
    assertThat(dup.out()).contains("Shards collected: 1, Shards remaining: 1");
    Cli.Result second =
        restore
            .spike(
                "operator",
                "restore",
                "--file",
                root.resolve("recover-b").resolve("spike.recovery.3.txt").toString())
            .ok();
    assertThat(second.out()).contains("SPIKE is now restored and ready to use.");
    cluster.awaitReady(Duration.ofSeconds(10));
    assertEverythingReadsBack();

    for (int n = 1; n <= 3; n++) {
      cluster.start("keeper-" + n);
    }
    try (KeeperProbe probe = new KeeperProbe(cluster.dir)) {
      probe.awaitAllShards(Duration.ofSeconds(20));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    cluster.kill9("nexus");
    cluster.start("nexus");
    cluster.awaitReady(Duration.ofSeconds(60));
    assertEverythingReadsBack();
  }

  @Test
  @Order(4)
  void wrongShard_isNamed_nexusStaysSealed_andARetryWithRightShardsWorks() throws Exception {
    Path a = root.resolve("recover-a");
    fullLossThenStartNexusAlone();
    String good2 = Files.readString(file(a, 2)).strip();
    char last = good2.charAt(good2.length() - 1);
    String bad2 = good2.substring(0, good2.length() - 1) + (last == '0' ? '1' : '0');
    Path badFile = root.resolve("bad.2.txt");
    Files.writeString(badFile, bad2 + "\n");

    Cli restore = cluster.role("restore");
    Cli.Result malformed = restore.spikeWithInput("spike:1:nothex\n", "operator", "restore");
    assertThat(malformed.exit()).isEqualTo(2);
    Cli.Result outOfRange =
        restore.spikeWithInput("spike:9:" + good2.substring(8) + "\n", "operator", "restore");
    assertThat(outOfRange.exit()).isEqualTo(1);
    assertThat(outOfRange.err()).contains("api_bad_request");

    Cli.Result wrong =
        restore.spike(
            "operator", "restore", "--file", file(a, 1).toString(), "--file", badFile.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    // The shard commitments name the wrong shard the moment it is submitted (issue 11).
    assertThat(wrong.err()).contains("recovery shard 2 is not valid for this system");
    assertThat(wrong.err().strip().lines()).hasSize(1);
    assertThat(cluster.readyz()).isEqualTo(503);

    // Retry without restarting Nexus: the right shard 2 replaces the wrong one.
    Cli.Result retry = restore.spikeWithInput(good2 + "\n", "operator", "restore").ok();
    assertThat(retry.out()).contains("restored");
    assertEverythingReadsBack();
  }

  @Test
  @Order(5)
  void escrow_afterFullLoss_unsealWithThePasswordBringsEverythingBack() {
    cluster
        .superuser()
        .spikeWithInput(PASSWORD + "\n" + PASSWORD + "\n", "operator", "escrow", "enable")
        .ok();
    Cli.Result shortPw =
        cluster.superuser().spikeWithInput("short\nshort\n", "operator", "escrow", "enable");
    assertThat(shortPw.exit()).isEqualTo(2);

    fullLossThenStartNexusAlone();
    Cli restore = cluster.role("restore");
    Cli.Result wrong =
        restore.spikeWithInput("not the password at all\n", "operator", "unseal", "--password");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("wrong password");
    // Repeated failures back off: wait out the first backoff (1 s) before the right password.
    DevCluster.await(
        Duration.ofSeconds(10),
        () -> {
          Cli.Result r =
              restore.spikeWithInput(PASSWORD + "\n", "operator", "unseal", "--password");
          return r.exit() == 0 && r.out().contains("restored");
        });
    cluster.awaitReady(Duration.ofSeconds(10));
    assertEverythingReadsBack();
    for (int n = 1; n <= 3; n++) {
      cluster.start("keeper-" + n);
    }
  }

  @Test
  @Order(6)
  void rotateKeys_thenRotateRoot_oldRecoveryShardsAreVoid_newOnesWork() throws Exception {
    Cli su = cluster.superuser();
    su.spike("operator", "rotate-keys").ok();
    assertThat(su.spike("secret", "get", "apps/bg/db", "pass").ok().out())
        .isEqualTo(VALUE + "-v2\n");
    su.spike("secret", "put", "apps/bg/new", "k=after-rotate").ok();

    try (KeeperProbe probe = new KeeperProbe(cluster.dir)) {
      probe.awaitAllShards(Duration.ofSeconds(20));
      byte[] before = probe.shard(1).get().copyBytes();
      Cli.Result rotated = su.spike("operator", "rotate-root").ok();
      assertThat(rotated.out() + rotated.err()).containsIgnoringCase("recover");
      assertThat(probe.shard(1).get().copyBytes()).isNotEqualTo(before);
    }
    cluster.kill9("nexus");
    cluster.start("nexus");
    cluster.awaitReady(Duration.ofSeconds(60));
    assertThat(su.spike("secret", "get", "apps/bg/new", "k").ok().out())
        .isEqualTo("after-rotate\n");

    Path fresh = recoverInto("recover-after-rotate");
    Path old = root.resolve("recover-a");
    // Every shard provable alone, sealed or not: the new shards are valid, the old ones are not.
    Cli.Result check =
        cluster
            .role("recover")
            .spike(
                "operator",
                "verify-shard",
                "--file",
                file(fresh, 1).toString(),
                "--file",
                file(old, 1).toString());
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.out())
        .contains("shard 1 is valid for this system")
        .contains("shard 1 is NOT valid for this system");
    fullLossThenStartNexusAlone();
    assertThat(
            cluster
                .role("restore")
                .spike("operator", "verify-shard", "--file", file(fresh, 2).toString())
                .ok()
                .out())
        .contains("shard 2 is valid for this system");
    Cli restore = cluster.role("restore");
    Cli.Result oldShards =
        restore.spike(
            "operator",
            "restore",
            "--file",
            file(old, 1).toString(),
            "--file",
            file(old, 2).toString());
    assertThat(oldShards.exit()).isEqualTo(1);
    assertThat(oldShards.err()).contains("recovery shard 1 is not valid for this system");
    assertThat(cluster.readyz()).isEqualTo(503);
    // rotate-root also voided the escrow: it wrapped the old key.
    assertThat(restore.spikeWithInput(PASSWORD + "\n", "operator", "unseal", "--password").exit())
        .isEqualTo(1);
    // New shards replace the old ones by id.
    restore
        .spike(
            "operator",
            "restore",
            "--file",
            file(fresh, 1).toString(),
            "--file",
            file(fresh, 2).toString())
        .ok();
    cluster.awaitReady(Duration.ofSeconds(10));
    assertEverythingReadsBack();
  }

  @Test
  @Order(7)
  void reset_withoutTypingReset_deletesNothing_withIt_bootstrapStartsANewSystem() throws Exception {
    Path data = cluster.dir.resolve("data");
    Cli.Result whileRunning =
        cluster.cli.spikeWithInput("RESET\n", "operator", "reset", "--data-dir", data.toString());
    assertThat(whileRunning.exit()).isEqualTo(1);
    cluster.cli.spike("dev", "down", "--dir", cluster.dir.toString()).ok();

    Cli.Result no =
        cluster.cli.spikeWithInput("no\n", "operator", "reset", "--data-dir", data.toString());
    assertThat(no.exit()).isEqualTo(1);
    assertThat(no.out() + no.err()).containsIgnoringCase("nothing was deleted");
    Cli.Result yes =
        cluster
            .cli
            .spikeWithInput("RESET\n", "operator", "reset", "--data-dir", data.toString())
            .ok();
    assertThat(yes.out() + yes.err()).containsIgnoringCase("empty");

    cluster.up();
    Cli su = cluster.superuser();
    assertThat(su.spike("secret", "list").ok().out()).doesNotContain("apps/bg");
    su.spike("secret", "put", "apps/reborn", "k=v").ok();
    assertThat(su.spike("secret", "get", "apps/reborn", "k").ok().out()).isEqualTo("v\n");
  }

  @Test
  @Order(8)
  void logs_holdNoShardTextNoRecoverResponseAndNoPassword() throws Exception {
    String logs = cluster.allLogs();
    assertThat(shardTexts).isNotEmpty();
    for (String text : shardTexts) {
      assertThat(logs).doesNotContain(text.substring(text.lastIndexOf(':') + 1));
    }
    assertThat(logs).doesNotContain(PASSWORD).doesNotContain(VALUE);
    try (Stream<Path> files = Files.walk(cluster.dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(PASSWORD);
      }
    }
  }
}
