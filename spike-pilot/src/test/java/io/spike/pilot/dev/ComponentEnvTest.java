package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentEnvTest {
  private final DevLayout layout = new DevLayout(Path.of("/d"));
  private final ComponentEnv envs =
      new ComponentEnv(
          layout,
          new ClusterShape(3, 2, "sqlite", "spike.ist"),
          Map.of(
              "SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL",
              "2s",
              "SPIFFE_ENDPOINT_SOCKET",
              "unix:///x",
              "SPIKE_SVID_CERT",
              "/caller.crt",
              "PATH",
              "/bin"));

  /** A one-keeper Postgres cluster, {@code embedded} or not, run with {@code env}. */
  private ComponentEnv postgres(boolean embedded, Map<String, String> env) {
    return new ComponentEnv(layout, new ClusterShape(1, 1, "postgres", "spike.ist", embedded), env);
  }

  @Test
  void nexus_getsItsSvidPortsPeersAndStore_andInheritsTheCallersSpikeVariables() {
    Map<String, String> env = envs.of(Component.nexus());

    assertThat(env)
        .containsEntry("SPIKE_SVID_CERT", "/d/svid/nexus.crt")
        .containsEntry("SPIKE_SVID_KEY", "/d/svid/nexus.key")
        .containsEntry("SPIKE_TRUST_BUNDLE", "/d/ca/bundle.pem")
        .containsEntry("SPIKE_TRUST_ROOT", "spike.ist")
        .containsEntry("SPIKE_NEXUS_TLS_ADDR", "127.0.0.1")
        .containsEntry("SPIKE_NEXUS_TLS_PORT", "8553")
        .containsEntry("SPIKE_NEXUS_OPS_ADDR", "127.0.0.1:8554")
        .containsEntry(
            "SPIKE_NEXUS_KEEPER_PEERS",
            "https://localhost:8443,https://localhost:8543,https://localhost:8643")
        .containsEntry("SPIKE_NEXUS_SHAMIR_SHARES", "3")
        .containsEntry("SPIKE_NEXUS_SHAMIR_THRESHOLD", "2")
        .containsEntry("SPIKE_NEXUS_DATA_DIR", "/d/data")
        .containsEntry("SPIKE_NEXUS_BACKEND_STORE", "sqlite")
        .containsEntry("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "2s")
        .containsEntry("PATH", "/bin")
        .doesNotContainKey("SPIFFE_ENDPOINT_SOCKET");
  }

  @Test
  void keeper_getsItsOwnSvidAndPort() {
    assertThat(envs.of(Component.keeper(3)))
        .containsEntry("SPIKE_SVID_CERT", "/d/svid/keeper-3.crt")
        .containsEntry("SPIKE_KEEPER_TLS_PORT", "8643")
        .containsEntry("SPIKE_KEEPER_TLS_ADDR", "127.0.0.1")
        .doesNotContainKey("SPIKE_NEXUS_DATA_DIR");
  }

  @Test
  void bootstrap_getsItsSvidNexusAndPeers() {
    assertThat(envs.bootstrap())
        .containsEntry("SPIKE_SVID_KEY", "/d/svid/bootstrap.key")
        .containsEntry("SPIKE_NEXUS_API_URL", "https://localhost:8553")
        .containsEntry("SPIKE_NEXUS_SHAMIR_SHARES", "3");
  }

  @Test
  void embeddedPostgres_getsItsDataDirAndPort_andNexusItsUrl() {
    ComponentEnv pg =
        postgres(
            true, Map.of("SPIKE_NEXUS_DB_URL", "jdbc:postgresql://elsewhere/db", "PATH", "/bin"));

    assertThat(pg.of(Component.postgres()))
        .containsEntry("SPIKE_DEV_POSTGRES_DATA", "/d/postgres")
        .containsEntry("SPIKE_DEV_POSTGRES_PORT", "8555")
        .containsEntry("PATH", "/bin")
        .doesNotContainKey("SPIKE_SVID_KEY");
    assertThat(pg.of(Component.nexus()))
        .containsEntry("SPIKE_NEXUS_BACKEND_STORE", "postgres")
        .containsEntry(
            "SPIKE_NEXUS_DB_URL", "jdbc:postgresql://localhost:8555/postgres?user=postgres");
  }

  @Test
  void externalPostgres_passesTheCallersUrlThrough() {
    ComponentEnv pg =
        postgres(false, Map.of("SPIKE_NEXUS_DB_URL", "jdbc:postgresql://elsewhere/db"));

    assertThat(pg.of(Component.nexus()))
        .containsEntry("SPIKE_NEXUS_BACKEND_STORE", "postgres")
        .containsEntry("SPIKE_NEXUS_DB_URL", "jdbc:postgresql://elsewhere/db");
  }
}
