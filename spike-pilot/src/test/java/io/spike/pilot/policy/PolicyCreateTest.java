package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCreateTest {
  /**
   * {@code spike head... policy create --name ... --permissions ...} against a Nexus that answers
   * with the id {@code web}.
   */
  private static FakeServer.Exchange create(
      List<String> head, String name, String spiffeId, String path, String permissions)
      throws Exception {
    return FakeServer.exchange(
        Routes.POLICY,
        "",
        200,
        "{\"id\":\"web\"}",
        Cli.args(
            head,
            "policy",
            "create",
            "--name",
            name,
            "--spiffeid-pattern",
            spiffeId,
            "--path-pattern",
            path,
            "--permissions",
            permissions));
  }

  @Test
  void create_sendsThePolicy_andPrintsItsId() throws Exception {
    FakeServer.Exchange x =
        create(List.of(), "web", "^spiffe://spike.ist/web$", "^apps/web/.*$", "read,list");

    assertThat(x.result().code()).isZero();
    assertThat(x.result().out()).isEqualTo("policy web written (id web)\n");
    assertThat(x.sentBody())
        .isEqualTo(
            "{\"name\":\"web\",\"spiffeidPattern\":"
                + "\"^spiffe://spike.ist/web$\",\"pathPattern\":\"^apps/web/.*$\",\"permissions\":[\"read\",\"list\"]}");
  }

  @Test
  void create_json_printsTheIdDocument() throws Exception {
    Cli.Result r = create(List.of("-f", "json"), "web", "x", "y", "super").result();

    assertThat(r.out()).isEqualTo("{\n  \"id\" : \"web\"\n}\n");
  }
}
