package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretDeleteTest {

  /** {@code spike secret delete apps/web/db more...} against a Nexus that accepts it. */
  private static FakeServer.Exchange delete(String... more) throws Exception {
    return FakeServer.exchange(
        Routes.SECRETS,
        "delete",
        200,
        "{}",
        Cli.args(List.of("secret", "delete", "apps/web/db"), more));
  }

  @Test
  void delete_withoutVersions_sendsEmptyList() throws Exception {
    FakeServer.Exchange x = delete();

    assertThat(x.result().out()).isEqualTo("deleted apps/web/db\n");
    assertThat(x.sentBody()).isEqualTo("{\"path\":\"apps/web/db\",\"versions\":[]}");
  }

  @Test
  void delete_withVersions_sendsThem() throws Exception {
    FakeServer.Exchange x = delete("-v", "1,2");

    assertThat(x.result().out()).isEqualTo("deleted versions 1, 2 of apps/web/db\n");
    assertThat(x.sentBody()).contains("\"versions\":[1,2]");
  }
}
