package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.ShardValue;
import io.spike.config.Settings;
import io.spike.testkit.Closer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 * The core issue's acceptance, end to end: the real distribution started by {@code spike dev up},
 * driven through the real CLI, components killed with {@code kill -9}. One cluster for the class;
 * the order of the tests is the story of a cluster's life, ending sealed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoreClusterIT {
  private static final String TOKEN = "tok-9f3a7c51-d2b8-SECRET";
  private static final String DB_PASS = "pw-71c4e0aa-VALUE";
  private static Path root;
  private static DevCluster cluster;
  private static KeeperProbe probe;

  /** Every shard seen during the run, to prove none was logged. */
  private static final List<byte[]> shardsSeen = new ArrayList<>();

  @BeforeAll
  static void up() throws Exception {
    root = Files.createTempDirectory("spike-it-core");
    cluster = new DevCluster(root.resolve("dev"), Map.of()).up();
    probe = new KeeperProbe(cluster.dir);
  }

  @AfterAll
  static void down() throws Exception {
    Closer.closeAll(probe, cluster);
  }

  @Test
  @Order(1)
  void putThenGet_throughTheCli_printsTheValue() {
    Cli su = cluster.superuser();
    su.spike("secret", "put", "apps/web/db", "user=u", "pass=p").ok();
    assertThat(su.spike("secret", "get", "apps/web/db", "pass").ok().out()).isEqualTo("p\n");
    su.spike("secret", "put", "apps/web/api", "token=" + TOKEN).ok();
    su.spike("secret", "put", "apps/api/db", "pass=" + DB_PASS).ok();
    su.createPolicy("web-read", "^spiffe://spike\\.ist/web$", "^apps/web/.*", "read").ok();
    assertThat(su.spike("secret", "list").ok().out())
        .contains("apps/api/db", "apps/web/api", "apps/web/db");
  }

  @Test
  @Order(2)
  void workload_getsWhatItsPolicyGrants_andNothingElse() {
    Cli web = cluster.workload("spiffe://spike.ist/web");
    assertThat(web.spike("secret", "get", "apps/web/db", "user").ok().out()).isEqualTo("u\n");
    Cli.Result write = web.spike("secret", "put", "apps/web/db", "user=evil");
    assertThat(write.exit()).isEqualTo(1);
    assertThat(write.err().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .contains("access_unauthorized");
    assertThat(web.spike("secret", "get", "apps/api/db", "pass").exit()).isEqualTo(1);

    Cli nobody = cluster.workload("spiffe://spike.ist/nobody");
    Cli.Result denied = nobody.spike("secret", "get", "apps/web/db", "user");
    assertThat(denied.exit()).isEqualTo(1);
    assertThat(denied.err()).contains("access_unauthorized");
    assertThat(cluster.superuser().spike("secret", "get", "apps/web/db", "user").ok().out())
        .isEqualTo("u\n");
  }

  @Test
  @Order(3)
  void cli_refusesAServerThatIsNotNexus() {
    Cli.Result r =
        cluster
            .superuser()
            .with(Map.of(Settings.NEXUS_API_URL.name(), "https://localhost:" + KeeperProbe.port(1)))
            .spike("secret", "list");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  @Order(4)
  void badUsage_exits2_andRefusals_exit1_withOneLine() {
    Cli su = cluster.superuser();
    Cli.Result noPairs = su.spike("secret", "put", "apps/x");
    assertThat(noPairs.exit()).isEqualTo(2);
    assertThat(noPairs.err().strip().lines()).hasSize(1);
    Cli.Result badPair = su.spike("secret", "put", "apps/x", "novalue");
    assertThat(badPair.exit()).isEqualTo(2);
    Cli.Result missing = su.spike("secret", "get", "apps/none");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .contains("api_not_found");
    Cli.Result control = su.spike("secret", "put", "apps/\u0001bad", "k=v");
    assertThat(control.exit()).isIn(1, 2);
    assertThat(su.spike("secret", "list").ok().out()).doesNotContain("bad");
  }

  @Test
  @Order(5)
  void kill9Nexus_thenStart_unsealsFromKeepersByItself() {
    recordShards();
    cluster.kill9("nexus");
    cluster.start("nexus");
    cluster.awaitReady(Duration.ofSeconds(60));
    Cli su = cluster.superuser();
    assertThat(su.spike("secret", "get", "apps/web/db", "pass").ok().out()).isEqualTo("p\n");
    assertThat(su.spike("policy", "get", "web-read").ok().out()).contains("web-read");
  }

  @Test
  @Order(6)
  void kill9Nexus_withOneKeeperStopped_stillUnseals_andTheKeeperIsRefilledAfter() {
    cluster.stop("keeper-2");
    cluster.kill9("nexus");
    cluster.start("nexus");
    cluster.awaitReady(Duration.ofSeconds(60));
    assertThat(cluster.superuser().spike("secret", "get", "apps/web/api", "token").ok().out())
        .isEqualTo(TOKEN + "\n");

    cluster.start("keeper-2");
    // Nexus pushes every SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL (2s here): one interval, plus start-up
    // slack.
    DevCluster.await(Duration.ofSeconds(15), () -> probe.shard(2).isPresent());
    assertThat(probe.shard(2).get().copyBytes()).isEqualTo(shardsSeen.get(1));
  }

  @Test
  @Order(7)
  void kill9Nexus_withAWrongShardPlanted_unsealsFromTheOtherTwo_andNamesTheBadKeeper() {
    cluster.kill9("nexus");
    byte[] wrong = new byte[32];
    new SecureRandom().nextBytes(wrong);
    wrong[0] = 0x01; // below the group order, so it is a well-formed but wrong shard
    shardsSeen.add(wrong);
    // Keeper 1: the first pair by id is then bad, so Nexus must look further than the first two.
    probe.plant(1, ShardValue.ofBytes(wrong));
    cluster.start("nexus");
    cluster.awaitReady(Duration.ofSeconds(60));
    assertThat(cluster.superuser().spike("secret", "get", "apps/web/db", "pass").ok().out())
        .isEqualTo("p\n");
    assertThat(cluster.log("nexus")).containsPattern("(?i)keeper 1\\b.*wrong shard");
    // And the bad keeper is put right by the next push.
    DevCluster.await(
        Duration.ofSeconds(15),
        () -> Arrays.equals(probe.shard(1).get().copyBytes(), shardsSeen.get(0)));
  }

  @Test
  @Order(8)
  void kill9Keeper_thenStart_isRefilledWithinOneInterval() {
    cluster.kill9("keeper-3");
    cluster.start("keeper-3");
    DevCluster.await(Duration.ofSeconds(15), () -> probe.shard(3).isPresent());
    assertThat(probe.shard(3).get().copyBytes()).isEqualTo(shardsSeen.get(2));
  }

  @Test
  @Order(9)
  void sealed_dataRoutesAnswer503_readyz503_healthz200() {
    cluster.stop("keeper-2");
    cluster.stop("keeper-3");
    cluster.kill9("nexus");
    cluster.start("nexus");
    DevCluster.await(Duration.ofSeconds(30), () -> cluster.opsGet("/healthz") == 200);
    assertThat(cluster.readyz()).isEqualTo(503);
    Cli.Result r = cluster.superuser().spike("secret", "get", "apps/web/db", "pass");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("state_not_ready");
    assertThat(cluster.superuser().spike("status", "-f", "json").ok().out()).contains("\"sealed\"");
  }

  @Test
  @Order(10)
  void auditLog_ofTheWholeRun_verifies_andAnEditedCopyFailsNamingTheLine() throws Exception {
    Path audit = cluster.dir.resolve("data/audit.log");
    Cli.Result ok = cluster.cli.spike("audit", "verify", audit.toString()).ok();
    assertThat(ok.out()).contains("chain intact");
    cluster.superuser().spike("audit", "verify", audit.toString(), "--against-nexus").ok();
    List<String> lines = new ArrayList<>(Files.readAllLines(audit));
    assertThat(lines.size()).isGreaterThan(10);
    lines.remove(5);
    Path cut = Files.write(root.resolve("audit-removed.log"), lines);
    Cli.Result bad = cluster.cli.spike("audit", "verify", cut.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("line 6");
    Files.write(root.resolve("audit-short.log"), Files.readAllLines(audit).subList(0, 3));
    assertThat(
            cluster
                .superuser()
                .spike(
                    "audit",
                    "verify",
                    root.resolve("audit-short.log").toString(),
                    "--against-nexus")
                .exit())
        .isEqualTo(1);
  }

  @Test
  @Order(11)
  void logs_ofEveryComponent_holdNoSecretValueAndNoShard() throws Exception {
    String logs = cluster.allLogs();
    assertThat(logs).isNotBlank().doesNotContain(TOKEN).doesNotContain(DB_PASS);
    assertThat(shardsSeen).hasSizeGreaterThanOrEqualTo(4);
    for (byte[] shard : shardsSeen) {
      assertThat(logs).doesNotContainIgnoringCase(HexFormat.of().formatHex(shard));
      assertThat(logs).doesNotContain(asInts(shard));
    }
    try (Stream<Path> files = Files.walk(cluster.dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes)
            .as(f.toString())
            .doesNotContain(TOKEN)
            .doesNotContain(DB_PASS)
            .doesNotContain("^apps/web/.*");
      }
    }
  }

  private static String asInts(byte[] shard) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shard.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shard[i] & 0xff);
    }
    return sb.append(']').toString();
  }

  private static void recordShards() {
    for (int k = 1; k <= 3; k++) {
      shardsSeen.add(probe.shard(k).orElseThrow().copyBytes());
    }
  }
}
