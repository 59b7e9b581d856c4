package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class SecretListTest {

  @Test
  void list_printsOnePathPerLine_orTheKeysDocument() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.SECRETS, "list", 200, "{\"keys\":[\"a/b\",\"c\"]}")) {
      assertThat(Cli.run(nexus.connector(), "secret", "list").out()).isEqualTo("a/b\nc\n");
      assertThat(Cli.run(nexus.connector(), "secret", "list", "-f", "yaml").out())
          .isEqualTo("keys:\n- a/b\n- c\n");
    }
  }

  @Test
  void list_empty_printsNothing() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "list", 200, "{\"keys\":[]}")) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "list");

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void list_sealed_exits1_sayingSo() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.SECRETS, "list", 503, "{\"err\":\"state_not_ready\"}")) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "list");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("spike: state_not_ready: Nexus is sealed");
    }
  }
}
