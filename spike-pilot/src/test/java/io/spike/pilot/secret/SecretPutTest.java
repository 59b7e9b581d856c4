package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class SecretPutTest {

  @Test
  void put_sendsPathAndValues_andReportsStored() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "", 200, "{}")) {
      Cli.Result r =
          Cli.run(nexus.connector(), "secret", "put", "apps/web/db", "user=u", "pass=p=q");

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo("stored apps/web/db\n");
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(
              req -> {
                assertThat(req.action()).isEmpty();
                assertThat(req.body())
                    .contains("\"path\":\"apps/web/db\"")
                    .contains("\"pass\":\"p=q\"")
                    .contains("\"user\":\"u\"");
              });
    }
  }

  @Test
  void put_json_printsTheOutcome() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.SECRETS, "", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), "-f", "json", "secret", "put", "a", "k=v");

      assertThat(r.out()).isEqualTo("{\n  \"action\" : \"stored\",\n  \"target\" : \"a\"\n}\n");
    }
  }

  @Test
  void put_refused_exits1_namingCallerAndPath_withoutValues() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.SECRETS, "", 401, "{\"err\":\"access_unauthorized\"}")) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "put", "apps/web/db", "pass=topsecret");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .isEqualTo(
              "spike: access_unauthorized: "
                  + FakeServer.CALLER
                  + " may not write apps/web/db; ask an admin for a policy that grants it\n");
      assertThat(r.err()).doesNotContain("topsecret");
    }
  }

  @Test
  void put_controlCharacterInPath_isUsage() {
    assertThat(Cli.run(Cli.NO_NETWORK, "secret", "put", "a\u0001b", "k=v").code()).isEqualTo(2);
  }
}
