package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorRotateKeysTest {
  /** {@code spike head... operator rotate-keys} against a Nexus answering status and body. */
  private static FakeServer.Exchange rotateKeys(int status, String body, String... head)
      throws Exception {
    return FakeServer.exchange(
        Routes.OPERATOR_ROTATE,
        "",
        status,
        body,
        Cli.args(List.of(head), "operator", "rotate-keys"));
  }

  @Test
  void rotateKeys_sendsKeys_printsDataKeysRotated() throws Exception {
    FakeServer.Exchange x = rotateKeys(200, "{}");

    assertThat(x.result().code()).isZero();
    assertThat(x.result().out()).isEqualTo("data keys rotated\n");
    assertThat(x.sentBody()).isEqualTo("{\"target\":\"keys\"}");
  }

  @Test
  void rotateKeys_yaml_andRefusal() throws Exception {
    Cli.Result yaml = rotateKeys(200, "{}", "-f", "yaml").result();
    Cli.Result refused = rotateKeys(401, "{\"err\":\"access_unauthorized\"}").result();

    assertThat(yaml.out()).isEqualTo("action: rotated\ntarget: data keys\n");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("superuser");
  }
}
