package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class OperatorRotateKeysTest {
  @Test
  void rotateKeys_sendsKeys_printsDataKeysRotated() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ROTATE, "", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "operator", "rotate-keys");

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo("data keys rotated\n");
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.body()).isEqualTo("{\"target\":\"keys\"}"));
    }
  }

  @Test
  void rotateKeys_yaml_andRefusal() throws Exception {
    try (FakeServer ok = new FakeServer().on(Routes.OPERATOR_ROTATE, "", 200, "{}");
        FakeServer denied =
            new FakeServer()
                .on(Routes.OPERATOR_ROTATE, "", 401, "{\"err\":\"access_unauthorized\"}")) {
      Cli.Result yaml = Cli.run(ok.connector(), "-f", "yaml", "operator", "rotate-keys");
      Cli.Result refused = Cli.run(denied.connector(), "operator", "rotate-keys");

      assertThat(yaml.out()).isEqualTo("action: rotated\ntarget: data keys\n");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("superuser");
    }
  }
}
