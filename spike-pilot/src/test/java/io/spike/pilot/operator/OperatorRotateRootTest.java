package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class OperatorRotateRootTest {
  @Test
  void rotateRoot_sendsRoot_andSaysEveryEarlierShardIsVoid() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ROTATE, "", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "operator", "rotate-root");

      assertThat(r.code()).isZero();
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.body()).isEqualTo("{\"target\":\"root\"}"));
      assertThat(r.out())
          .startsWith(
              "root key rotated: the keyring is re-wrapped and the keepers hold the new shards.\n")
          .contains("EVERY earlier recovery shard is now void")
          .contains("Run spike operator recover now");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void rotateRoot_json_keepsStdoutClean_andWarnsOnStderr() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ROTATE, "", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "-f", "json", "operator", "rotate-root");

      assertThat(r.out())
          .isEqualTo("{\n  \"action\" : \"rotated\",\n  \"target\" : \"root key\"\n}\n");
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .contains("EVERY earlier recovery shard is now void");
    }
  }

  @Test
  void rotateRoot_keeperUnreachable_exits1_sayingToStartKeepers() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .on(
                Routes.OPERATOR_ROTATE,
                "",
                503,
                "{\"err\":\"state_not_ready\",\"message\":\"keeper 2 is unreachable\"}")) {
      Cli.Result r = Cli.run(nexus.connector(), "operator", "rotate-root");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .contains("(keeper 2 is unreachable)")
          .contains("every keeper must be reachable");
    }
  }
}
