package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.Policy;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyGetTest {
  private static final Policy POLICY =
      new Policy(
          "web",
          "web",
          "^a$",
          "^b$",
          List.of("read", "list"),
          Instant.parse("2025-01-01T00:00:00Z"));

  @Test
  void human_showsEveryField() {
    assertThat(PolicyGet.human(POLICY))
        .isEqualTo(
            ""
                + "id:               web\n"
                + "name:             web\n"
                + "spiffeid pattern: ^a$\n"
                + "path pattern:     ^b$\n"
                + "permissions:      read, list\n"
                + "created:          2025-01-01T00:00:00Z\n");
  }

  @Test
  void human_showsWhatIsEnforced() {
    Policy enforced =
        new Policy(
            "acl",
            "acl",
            "spiffe://spike\\.ist/ops",
            "^spike/system/acl$",
            List.of("write"),
            Instant.parse("2025-01-01T00:00:00Z"),
            Optional.of(
                new Policy.Enforced(
                    "^(?:spiffe://spike\\.ist/ops)$",
                    "^(?:^spike/system/acl$)$",
                    List.of("spike/system/acl"))));
    assertThat(PolicyGet.human(enforced))
        .contains("enforced:         the whole SPIFFE ID matches ^(?:spiffe://spike\\.ist/ops)$\n")
        .contains("and the whole path matches ^(?:^spike/system/acl$)$\n")
        .contains("system paths:     spike/system/acl\n");
  }

  @Test
  void get_sendsTheId_yamlShowsThePolicy() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.POLICY, "get", 200, FakeServer.json(POLICY))) {
      Cli.Result r = Cli.run(nexus.connector(), "policy", "get", "web", "-f", "yaml");

      assertThat(nexus.requests().get(0).body()).isEqualTo("{\"id\":\"web\"}");
      assertThat(r.out()).contains("spiffeidPattern: ^a$").contains("- read");
    }
  }
}
