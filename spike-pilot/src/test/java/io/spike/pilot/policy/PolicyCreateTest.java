package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class PolicyCreateTest {

  @Test
  void create_sendsThePolicy_andPrintsItsId() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.POLICY, "", 200, "{\"id\":\"web\"}")) {
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              "policy",
              "create",
              "--name",
              "web",
              "--spiffeid-pattern",
              "^spiffe://spike.ist/web$",
              "--path-pattern",
              "^apps/web/.*$",
              "--permissions",
              "read,list");

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo("policy web written (id web)\n");
      assertThat(nexus.requests().get(0).body())
          .isEqualTo(
              "{\"name\":\"web\",\"spiffeidPattern\":"
                  + "\"^spiffe://spike.ist/web$\",\"pathPattern\":\"^apps/web/.*$\",\"permissions\":[\"read\",\"list\"]}");
    }
  }

  @Test
  void create_json_printsTheIdDocument() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.POLICY, "", 200, "{\"id\":\"web\"}")) {
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              "-f",
              "json",
              "policy",
              "create",
              "--name",
              "web",
              "--spiffeid-pattern",
              "x",
              "--path-pattern",
              "y",
              "--permissions",
              "super");

      assertThat(r.out()).isEqualTo("{\n  \"id\" : \"web\"\n}\n");
    }
  }
}
