package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.config.Settings;
import io.spike.store.StoreLock;
import io.spike.testkit.MainRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration ends the process with one line on stderr and exit code 1. */
class NexusMainTest {

  @Test
  void wrongPeerCount_exits1_withOneLineNamingTheVariable() throws Exception {
    String line =
        MainRun.run(NexusMain.class, Map.of("SPIKE_NEXUS_KEEPER_PEERS", "https://localhost:8443"))
            .exitWithOneLine(1);
    assertThat(line)
        .startsWith(
            "nexus: SPIKE_NEXUS_KEEPER_PEERS lists 1 keeper(s) but SPIKE_NEXUS_SHAMIR_SHARES is 3");
  }

  @Test
  void badBackupRetention_exits1_withOneLineNamingTheVariable() throws Exception {
    String line =
        MainRun.run(
                NexusMain.class,
                Map.of("SPIKE_NEXUS_BACKUP_DIR", "/tmp/backups", "SPIKE_NEXUS_BACKUP_RETAIN", "0"))
            .exitWithOneLine(1);
    assertThat(line).startsWith("nexus: SPIKE_NEXUS_BACKUP_RETAIN='0' is below 1");
  }

  @Test
  void sqliteDataDirLockedByAnotherNexus_exits1_withOneLine(@TempDir Path dir) throws Exception {
    try (StoreLock held = StoreLock.tryAcquire(dir).orElseThrow()) {
      String line =
          MainRun.run(
                  NexusMain.class,
                  Map.of(
                      "SPIKE_NEXUS_BACKEND_STORE",
                      "sqlite",
                      "SPIKE_NEXUS_DATA_DIR",
                      dir.toString()))
              .exitWithOneLine(1);

      assertThat(line)
          .isEqualTo("nexus: another Nexus holds " + dir.toAbsolutePath() + "; stop it first");
    }
    assertThat(dir.resolve("spike.db")).doesNotExist();
  }

  @Test
  void missingSvid_exits1_withOneLine() throws Exception {
    String line =
        MainRun.run(NexusMain.class, Map.of("SPIKE_NEXUS_BACKEND_STORE", "memory"))
            .exitWithOneLine(1);
    assertThat(line).startsWith("nexus: ").contains("SPIKE_SVID");
  }

  @Test
  void defaultAuditLog_sqliteAndPostgresInDataDir_memoryNone() {
    NexusConfig unset = NexusConfig.fromEnvironment(Map.<String, String>of()::get);
    Function<String, String> noEnv = k -> null;
    assertThat(
            NexusMain.withDefaultAuditLog(
                    unset, new io.spike.store.StoreConfig.Sqlite(Path.of("/data/spike.db")), noEnv)
                .auditLog())
        .contains(Path.of("/data/audit.log"));
    assertThat(
            NexusMain.withDefaultAuditLog(unset, new io.spike.store.StoreConfig.Memory(), noEnv)
                .auditLog())
        .isEmpty();
    assertThat(
            NexusMain.withDefaultAuditLog(
                    unset,
                    new io.spike.store.StoreConfig.Postgres("jdbc:postgresql://db/spike"),
                    Map.of("SPIKE_NEXUS_DATA_DIR", "/srv/nexus-a")::get)
                .auditLog())
        .contains(Path.of("/srv/nexus-a/audit.log"));
    assertThat(
            NexusMain.withDefaultAuditLog(
                    unset,
                    new io.spike.store.StoreConfig.Postgres("jdbc:postgresql://db/spike"),
                    noEnv)
                .auditLog())
        .contains(Path.of(System.getProperty("user.home"), ".spike", "data", "audit.log"));
    NexusConfig set =
        NexusConfig.fromEnvironment(Map.of(Settings.AUDIT_LOG.name(), "/var/log/a.log")::get);
    assertThat(
            NexusMain.withDefaultAuditLog(set, new io.spike.store.StoreConfig.Memory(), k -> null)
                .auditLog())
        .contains(Path.of("/var/log/a.log"));
  }
}
