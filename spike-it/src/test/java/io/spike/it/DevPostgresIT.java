package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code spike dev up --backend postgres}: the dev cluster on an embedded PostgreSQL it starts
 * itself.
 */
class DevPostgresIT {

  @Test
  void devUp_postgres_servesSecrets_andRecoversAfterKill9() throws Exception {
    Path root = Files.createTempDirectory("spike-it-devpg");
    DevCluster cluster = new DevCluster(root.resolve("dev"), Map.of());
    try {
      cluster
          .cli
          .spike("dev", "up", "--detach", "--backend", "postgres", "--dir", cluster.dir.toString())
          .ok();
      assertThat(cluster.isRunning("postgres")).isTrue();
      Cli su = cluster.superuser();
      su.spike("secret", "put", "apps/pg/db", "pass=on-postgres").ok();
      cluster.kill9("nexus");
      cluster.start("nexus");
      cluster.awaitReady(Duration.ofSeconds(60));
      assertThat(su.spike("secret", "get", "apps/pg/db", "pass").ok().out())
          .isEqualTo("on-postgres\n");
      assertThat(su.spike("status").ok().out()).contains("postgres");
    } finally {
      cluster.close();
    }
    assertThat(cluster.isRunning("postgres")).isFalse();
  }
}
