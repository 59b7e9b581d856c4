package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyApplyTest {
  @TempDir Path dir;

  @Test
  void apply_sendsTheFilesPolicy() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            "name: web\nspiffeidPattern: ^spiffe://spike.ist/web$\npathPattern: ^apps/web/.*$\npermissions: [read]\n");
    try (FakeServer nexus = new FakeServer().on(Routes.POLICY, "", 200, "{\"id\":\"web\"}")) {
      Cli.Result r = Cli.run(nexus.connector(), "policy", "apply", "--file", file.toString());

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo("policy web applied (id web)\n");
      assertThat(nexus.requests().get(0).body()).contains("\"permissions\":[\"read\"]");
    }
  }

  @Test
  void apply_missingFile_exits1_malformed_exits2() throws Exception {
    Cli.Result missing =
        Cli.run(Cli.NO_NETWORK, "policy", "apply", "--file", dir.resolve("none.yaml").toString());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: web\nperms: read\n");
    Cli.Result malformed = Cli.run(Cli.NO_NETWORK, "policy", "apply", "--file", bad.toString());

    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("does not exist");
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.errLines()).hasSize(1);
  }
}
