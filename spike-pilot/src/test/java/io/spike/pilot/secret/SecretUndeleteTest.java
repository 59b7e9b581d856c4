package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class SecretUndeleteTest {

  @Test
  void undelete_callsTheUndeleteAction() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "undelete", 200, "{}")) {
      Cli.Result r =
          Cli.run(nexus.connector(), "-f", "json", "secret", "undelete", "a", "--versions", "3");

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("\"action\" : \"undeleted\"").contains("\"versions\" : [ 3 ]");
      assertThat(nexus.requests().get(0).action()).isEqualTo("undelete");
    }
  }
}
