package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class PolicyListTest {

  @Test
  void list_printsNames_andSendsFilters() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .on(
                Routes.POLICY,
                "list",
                200,
                "{\"policies\":[{\"id\":\"a\",\"name\":\"a\"},{\"id\":\"b\",\"name\":\"b\"}]}")) {
      Cli.Result all = Cli.run(nexus.connector(), "policy", "list");
      Cli.run(nexus.connector(), "policy", "list", "--path-pattern", "^x$");

      assertThat(all.out()).isEqualTo("a\nb\n");
      assertThat(nexus.requests().get(0).body()).isEqualTo("{}");
      assertThat(nexus.requests().get(1).body()).isEqualTo("{\"pathPattern\":\"^x$\"}");
    }
  }
}
