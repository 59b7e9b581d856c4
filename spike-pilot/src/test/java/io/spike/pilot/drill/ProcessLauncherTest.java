package io.spike.pilot.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessLauncherTest {
  @Test
  void environment_isBuiltFromScratch_withScratchPortsStoreAndUnusedKeeperPeers() {
    ProcessLauncher launcher =
        new ProcessLauncher(
            Map.of(
                "PATH",
                "/bin",
                "HOME",
                "/home/op",
                "SPIKE_NEXUS_BACKUP_DIR",
                "/prod/backups",
                "SPIKE_NEXUS_DB_URL",
                "jdbc:postgresql://prod/db",
                "SPIFFE_ENDPOINT_SOCKET",
                "unix:///agent.sock",
                "SPIKE_NEXUS_KEEPER_PEERS",
                "https://prod:8443"),
            "spike.ist");

    Map<String, String> env =
        launcher.environment(Path.of("/w"), new int[] {4000, 4001, 4002, 4003, 4004}, 3, 2);

    assertThat(env)
        .containsEntry("PATH", "/bin")
        .containsEntry("HOME", "/home/op")
        .containsEntry("SPIKE_TRUST_ROOT", "spike.ist")
        .containsEntry("SPIKE_SVID_CERT", "/w/svid/nexus.crt")
        .containsEntry("SPIKE_SVID_KEY", "/w/svid/nexus.key")
        .containsEntry("SPIKE_TRUST_BUNDLE", "/w/ca/bundle.pem")
        .containsEntry("SPIKE_NEXUS_TLS_ADDR", "127.0.0.1")
        .containsEntry("SPIKE_NEXUS_TLS_PORT", "4000")
        .containsEntry("SPIKE_NEXUS_OPS_ADDR", "127.0.0.1:4001")
        .containsEntry("SPIKE_NEXUS_DATA_DIR", "/w/data")
        .containsEntry("SPIKE_NEXUS_BACKEND_STORE", "sqlite")
        .containsEntry("SPIKE_NEXUS_SHAMIR_SHARES", "3")
        .containsEntry("SPIKE_NEXUS_SHAMIR_THRESHOLD", "2")
        .containsEntry(
            "SPIKE_NEXUS_KEEPER_PEERS",
            "https://127.0.0.1:4002,https://127.0.0.1:4003,https://127.0.0.1:4004")
        .doesNotContainKeys(
            "SPIKE_NEXUS_BACKUP_DIR", "SPIKE_NEXUS_DB_URL", "SPIFFE_ENDPOINT_SOCKET");
  }
}
