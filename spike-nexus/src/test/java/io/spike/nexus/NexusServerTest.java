package io.spike.nexus;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.Empty;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The acceptance rules of a whole Nexus, over real mTLS: sealing, authorization, bad input. */
class NexusServerTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster sealed;
  private static NexusTestCluster live;

  @BeforeAll
  static void start() {
    sealed = clusters.start();
    live = clusters.startUnsealed();
    NexusClient admin = live.client(live.superuser());
    admin.putSecret("apps/web/db", Map.of("pass", "web-pass"));
    admin.putSecret("apps/api/db", Map.of("pass", "api-pass"));
    admin.putPolicy(
        new PolicyPutRequest(
            "web-read", "^spiffe://spike\\.ist/apps/web$", "apps/web/.*", List.of("read")));
  }

  /** One call per data route (and action). */
  private static final List<Consumer<NexusClient>> DATA_ROUTES =
      List.of(
          c -> c.putSecret("apps/web/db", Map.of("k", "v")),
          c -> c.getSecret("apps/web/db", 0),
          c -> c.deleteSecret("apps/web/db", List.of()),
          c -> c.undeleteSecret("apps/web/db", List.of()),
          c -> c.listSecrets(),
          c -> c.secretMetadata("apps/web/db", 0),
          c -> c.putPolicy(new PolicyPutRequest("p", ".*", ".*", List.of("read"))),
          c -> c.getPolicy("web-read"),
          c -> c.deletePolicy("web-read"),
          c -> c.listPolicies(PolicyListRequest.all()),
          c -> c.encrypt(new CipherPlaintext(new byte[] {1, 2, 3})));

  @Test
  void sealed_everyDataRoute_is503StateNotReady() {
    NexusClient admin = sealed.client(sealed.superuser());
    for (Consumer<NexusClient> call : DATA_ROUTES) {
      assertRefused(() -> call.accept(admin), ErrorCode.NOT_READY);
    }
    assertRefused(
        () ->
            sealed
                .client(sealed.bootstrap())
                .verifyBootstrap(new BootstrapVerifyRequest(new byte[12], new byte[32])),
        ErrorCode.NOT_READY);
  }

  @Test
  void sealed_statusServes_andOpsSaySealed() {
    StatusResponse status = sealed.client(sealed.workload()).status();
    assertThat(status.state()).isEqualTo("sealed");
    assertThat(status.initialized()).isFalse();
    assertThat(sealed.opsStatus("/readyz")).isEqualTo(503);
    assertThat(sealed.opsStatus("/healthz")).isEqualTo(200);
  }

  @Test
  void workload_withoutPolicy_is401() {
    NexusClient stranger = live.client(live.svid("/apps/stranger"));
    assertRefused(() -> stranger.getSecret("apps/web/db", 0), ErrorCode.UNAUTHORIZED);
    assertRefused(() -> stranger.listSecrets(), ErrorCode.UNAUTHORIZED);
  }

  @Test
  void workload_withReadPolicy_readsButCannotWriteOrReadElsewhere() {
    NexusClient web = live.client(live.workload());
    assertThat(web.getSecret("apps/web/db", 0).data()).containsEntry("pass", "web-pass");
    assertThat(web.secretMetadata("apps/web/db", 0).metadata().currentVersion()).isPositive();
    assertRefused(() -> web.putSecret("apps/web/db", Map.of("pass", "x")), ErrorCode.UNAUTHORIZED);
    assertRefused(() -> web.deleteSecret("apps/web/db", List.of()), ErrorCode.UNAUTHORIZED);
    assertRefused(() -> web.getSecret("apps/api/db", 0), ErrorCode.UNAUTHORIZED);
    assertRefused(() -> web.listPolicies(PolicyListRequest.all()), ErrorCode.UNAUTHORIZED);
    assertThat(live.client(live.superuser()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "web-pass");
  }

  @Test
  void roleIdentities_get401OnEveryDataRoute() {
    for (String path :
        List.of(
            Role.KEEPER.path() + "/1",
            Role.RESTORE.path(),
            Role.RECOVER.path(),
            Role.BOOTSTRAP.path(),
            Role.NEXUS.path())) {
      NexusClient client = live.client(live.svid(path));
      for (Consumer<NexusClient> call : DATA_ROUTES) {
        assertRefused(() -> call.accept(client), ErrorCode.UNAUTHORIZED);
      }
    }
    assertThat(live.client(live.superuser()).getPolicy("web-read").name()).isEqualTo("web-read");
  }

  @Test
  void bootstrapVerify_isForBootstrapOnly() {
    BootstrapVerifyRequest request = new BootstrapVerifyRequest(new byte[12], new byte[32]);
    assertRefused(
        () -> live.client(live.superuser()).verifyBootstrap(request), ErrorCode.UNAUTHORIZED);
    assertRefused(
        () -> live.client(live.workload()).verifyBootstrap(request), ErrorCode.UNAUTHORIZED);
    assertRefused(
        () -> live.client(live.bootstrap()).verifyBootstrap(request), ErrorCode.BAD_REQUEST);
  }

  @Test
  void oversizedBody_is413_andWritesNothing() {
    List<String> before = live.store().secretPaths();
    Map<String, Object> big =
        Map.of("path", "too/big", "values", Map.of("k", "x".repeat(1024 * 1024)));
    assertRefused(
        () -> live.http(live.superuser()).post(Routes.SECRETS, "", big, Empty.class),
        ErrorCode.TOO_LARGE);
    assertThat(live.store().secretPaths()).isEqualTo(before);
  }

  @Test
  void malformedJson_is400_andWritesNothing() {
    List<String> before = live.store().secretPaths();
    for (String body :
        new String[] {
          "{\"path\":",
          "{\"path\":\"a/b\",\"values\":[1]}",
          "{\"path\":\"a/b\",\"values\":{\"k\":null}}"
        }) {
      HttpResponse<String> response = live.post(live.superuser(), Routes.SECRETS, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).startsWith("{\"err\":\"api_bad_request\"");
    }
    assertThat(live.store().secretPaths()).isEqualTo(before);
  }

  @Test
  void unknownAction_is400_andUnknownPath404() {
    HttpResponse<String> response =
        live.post(live.superuser(), Routes.SECRETS + "?action=purge", "{\"path\":\"apps/web/db\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(live.post(live.superuser(), "/v1/no/such/route", "{}").statusCode()).isEqualTo(404);
    assertThat(live.client(live.superuser()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "web-pass");
  }

  @Test
  void badPaths_are400_andWriteNothing() {
    NexusClient admin = live.client(live.superuser());
    List<String> before = live.store().secretPaths();
    for (String bad :
        new String[] {
          "", "a".repeat(1025), "ctl\u0007char", "line\nbreak", "x\ud800", "spike/system/acl"
        }) {
      assertRefused(
          () ->
              live.http(live.superuser())
                  .post(
                      Routes.SECRETS,
                      Routes.ACTION_DEFAULT,
                      Map.of("path", bad, "values", Map.of("k", "v")),
                      Empty.class),
          ErrorCode.BAD_REQUEST);
    }
    assertThat(live.store().secretPaths()).isEqualTo(before);
  }

  @Test
  void everyResponse_isNoStore() {
    HttpResponse<String> ok = live.post(live.superuser(), Routes.SYS_STATUS, "{}");
    HttpResponse<String> refused =
        live.post(live.workload(), Routes.SECRETS + "?action=list", "{}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(refused.statusCode()).isEqualTo(401);
    for (HttpResponse<String> response : List.of(ok, refused)) {
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
  }
}
