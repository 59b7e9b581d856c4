package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.Empty;
import io.spike.identity.SvidSource;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static SvidSource caller;

  @BeforeAll
  static void start() throws Exception {
    Routing routing =
        new Routing(
            RouteTable.builder()
                .add("/v1/store/secrets", "", Routes.open(Empty.class))
                .add("/v1/store/secrets", "get", Routes.open(Empty.class))
                .build());
    server =
        new TestServer(
            dir,
            new StageHandler(
                request -> {
                  Exchange exchange = new Exchange(Request.getPathInContext(request));
                  routing.route(request, exchange);
                  return exchange.where();
                }));
    caller = server.svid("/apps/caller");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void knownPathAndAction_isRouted() {
    assertThat(server.post(caller, "/v1/store/secrets?action=get", "{}").body())
        .isEqualTo("/v1/store/secrets?action=get");
    assertThat(server.post(caller, "/v1/store/secrets", "{}").body())
        .isEqualTo("/v1/store/secrets?action=");
  }

  @Test
  void refusals_405_404_400_neverEchoTheAction() {
    assertThat(server.send(caller, "PUT", "/v1/store/secrets", "{}").statusCode()).isEqualTo(405);
    assertThat(server.post(caller, "/v1/nowhere", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown =
        server.post(caller, "/v1/store/secrets?action=evil-action", "{}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).startsWith("api_bad_request").doesNotContain("evil-action");
  }
}
