package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class PolicyDeleteTest {

  @Test
  void delete_sendsTheId() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.POLICY, "delete", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "policy", "delete", "web");

      assertThat(r.out()).isEqualTo("deleted policy web\n");
      assertThat(nexus.requests().get(0).body()).isEqualTo("{\"id\":\"web\"}");
    }
  }

  @Test
  void delete_missing_exits1() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.POLICY, "delete", 404, "{\"err\":\"api_not_found\"}")) {
      Cli.Result r = Cli.run(nexus.connector(), "policy", "delete", "web");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("spike: api_not_found: cannot delete policy web");
    }
  }
}
