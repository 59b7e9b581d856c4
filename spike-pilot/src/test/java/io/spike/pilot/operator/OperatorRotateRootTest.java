package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class OperatorRotateRootTest {
  /** {@code spike args...} against a Nexus answering the rotate call with status and body. */
  private static FakeServer.Exchange rotate(int status, String body, String... args)
      throws Exception {
    return FakeServer.exchange(Routes.OPERATOR_ROTATE, "", status, body, args);
  }

  @Test
  void rotateRoot_sendsRoot_andSaysEveryEarlierShardIsVoid() throws Exception {
    FakeServer.Exchange x = rotate(200, "{}", "operator", "rotate-root");
    Cli.Result r = x.result();

    assertThat(r.code()).isZero();
    assertThat(x.sentBody()).isEqualTo("{\"target\":\"root\"}");
    assertThat(r.out())
        .startsWith(
            "root key rotated: the keyring is re-wrapped and the keepers hold the new shards.\n")
        .contains("EVERY earlier recovery shard is now void")
        .contains("Run spike operator recover now");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void rotateRoot_json_keepsStdoutClean_andWarnsOnStderr() throws Exception {
    Cli.Result r = rotate(200, "{}", "-f", "json", "operator", "rotate-root").result();

    assertThat(r.out())
        .isEqualTo("{\n  \"action\" : \"rotated\",\n  \"target\" : \"root key\"\n}\n");
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .contains("EVERY earlier recovery shard is now void");
  }

  @Test
  void rotateRoot_keeperUnreachable_exits1_sayingToStartKeepers() throws Exception {
    Cli.Result r =
        rotate(
                503,
                "{\"err\":\"state_not_ready\",\"message\":\"keeper 2 is unreachable\"}",
                "operator",
                "rotate-root")
            .result();

    assertThat(r.onlyErrLine(1))
        .contains("(keeper 2 is unreachable)")
        .contains("every keeper must be reachable");
  }
}
