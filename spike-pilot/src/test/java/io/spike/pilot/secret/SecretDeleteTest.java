package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class SecretDeleteTest {

  @Test
  void delete_withoutVersions_sendsEmptyList() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "delete", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "delete", "apps/web/db");

      assertThat(r.out()).isEqualTo("deleted apps/web/db\n");
      assertThat(nexus.requests().get(0).body())
          .isEqualTo("{\"path\":\"apps/web/db\",\"versions\":[]}");
    }
  }

  @Test
  void delete_withVersions_sendsThem() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "delete", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "delete", "apps/web/db", "-v", "1,2");

      assertThat(r.out()).isEqualTo("deleted versions 1, 2 of apps/web/db\n");
      assertThat(nexus.requests().get(0).body()).contains("\"versions\":[1,2]");
    }
  }
}
