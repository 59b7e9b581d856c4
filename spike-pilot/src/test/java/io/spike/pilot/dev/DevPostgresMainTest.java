package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPostgresMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private PrintStream err() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  @Test
  void start_withoutDataDir_refusesWithOneLine() {
    assertThat(DevPostgresMain.start(Map.of(), err())).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("postgres: SPIKE_DEV_POSTGRES_DATA is not set; expected a directory path\n");
  }

  @Test
  void start_withBadPort_refuses() {
    assertThat(
            DevPostgresMain.start(
                Map.of("SPIKE_DEV_POSTGRES_DATA", dir.toString(), "SPIKE_DEV_POSTGRES_PORT", "x"),
                err()))
        .isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("SPIKE_DEV_POSTGRES_PORT='x' is not a whole number");
  }

  @Test
  void start_servesOnThePort_andKeepsDataAcrossRestarts() throws Exception {
    int port = freePort();
    Map<String, String> env =
        Map.of(
            "SPIKE_DEV_POSTGRES_DATA",
            dir.resolve("postgres").toString(),
            "SPIKE_DEV_POSTGRES_PORT",
            String.valueOf(port));
    String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";

    Optional<EmbeddedPostgres> first = DevPostgresMain.start(env, err());
    assertThat(first).as(err.toString(StandardCharsets.UTF_8)).isPresent();
    try {
      assertThat(Probes.postgresAnswers(url)).isTrue();
      sql(url, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
    } finally {
      first.get().close();
    }
    assertThat(Probes.postgresAnswers(url)).isFalse();

    Optional<EmbeddedPostgres> second = DevPostgresMain.start(env, err());
    assertThat(second).isPresent();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
    } finally {
      second.get().close();
    }
  }

  @Test
  void stopOrphan_withoutPidFile_orWithAnotherProgramsPid_doesNothing() throws Exception {
    assertThat(DevPostgresMain.stopOrphan(dir, err())).isFalse();
    Files.writeString(
        dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");

    assertThat(DevPostgresMain.orphan(dir)).isEmpty();
    assertThat(DevPostgresMain.stopOrphan(dir, err())).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void stopOrphan_stopsAServerWhoseMainIsGone() throws Exception {
    int port = freePort();
    Path data = dir.resolve("postgres");
    String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    EmbeddedPostgres pg =
        DevPostgresMain.start(
                Map.of(
                    "SPIKE_DEV_POSTGRES_DATA",
                    data.toString(),
                    "SPIKE_DEV_POSTGRES_PORT",
                    String.valueOf(port)),
                err())
            .orElseThrow();
    try {
      assertThat(DevPostgresMain.orphan(data)).isPresent();

      assertThat(DevPostgresMain.stopOrphan(data, err())).isTrue();

      assertThat(Probes.postgresAnswers(url)).isFalse();
      assertThat(DevPostgresMain.orphan(data)).isEmpty();
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("postgres: stopping PostgreSQL pid ");
    } finally {
      pg.close(); // releases zonky's lock; its pg_ctl stop finds nothing to stop
    }
  }

  private static void sql(String url, String statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(statements);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
