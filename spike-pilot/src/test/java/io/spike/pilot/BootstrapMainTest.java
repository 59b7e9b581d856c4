package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.DevCa;
import io.spike.identity.IdentityException;
import io.spike.identity.Role;
import io.spike.pilot.bootstrap.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env) {
    return BootstrapMain.run(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Sleeper.REAL,
        () -> {
          throw new IdentityException("SPIKE_SVID_CERT is not set");
        });
  }

  @Test
  void keeperCountNotShares_exits2() {
    int code =
        run(
            Map.of(
                "SPIKE_NEXUS_KEEPER_PEERS",
                "https://localhost:8443",
                "SPIKE_NEXUS_SHAMIR_SHARES",
                "3"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bootstrap: SPIKE_NEXUS_KEEPER_PEERS lists 1");
  }

  @Test
  void thresholdAboveShares_exits2() {
    assertThat(run(Map.of("SPIKE_NEXUS_SHAMIR_THRESHOLD", "4"))).isEqualTo(2);
  }

  @Test
  void badTrustRootList_exits2_namingTheVariableAndPosition(@TempDir Path dir) {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    int code =
        BootstrapMain.run(
            Map.of("SPIKE_TRUST_ROOT_NEXUS", "spike.ist,,other.example"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Sleeper.REAL,
            () -> ca.issueSource(Role.BOOTSTRAP.path(), dir.resolve("svid")));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("bootstrap: SPIKE_TRUST_ROOT_NEXUS")
        .contains("empty entry at position 2");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("seeding");
  }

  @Test
  void noIdentity_exits1() {
    int code = run(Map.of());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no usable SPIFFE identity")
        .contains("SPIKE_SVID_CERT");
  }
}
