package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.FakeServer;
import org.junit.jupiter.api.Test;

class PolicyDeleteTest {

  @Test
  void delete_sendsTheId() throws Exception {
    FakeServer.Exchange x =
        FakeServer.exchange(Routes.POLICY, "delete", 200, "{}", "policy", "delete", "web");

    assertThat(x.result().out()).isEqualTo("deleted policy web\n");
    assertThat(x.sentBody()).isEqualTo("{\"id\":\"web\"}");
  }

  @Test
  void delete_missing_exits1() throws Exception {
    FakeServer.Exchange x =
        FakeServer.exchange(
            Routes.POLICY, "delete", 404, "{\"err\":\"api_not_found\"}", "policy", "delete", "web");

    assertThat(x.result().code()).isEqualTo(1);
    assertThat(x.result().err()).startsWith("spike: api_not_found: cannot delete policy web");
  }
}
