package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import io.spike.api.wire.SecretGetRequest;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
  private final Authorization authorization = new Authorization();

  @Test
  void guardSeesCallerAndRequest_refusalIs401() {
    Route<SecretGetRequest> route =
        Routes.of(
            SecretGetRequest.class,
            (caller, request) ->
                caller.path().equals("/web") && request.path().startsWith("apps/web/"),
            false,
            (c, r) -> Reply.EMPTY);
    SpiffeId web = SpiffeId.of("spike.ist", "/web");

    assertThatCode(() -> authorization.check(route, web, new SecretGetRequest("apps/web/db", 0)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> authorization.check(route, web, new SecretGetRequest("apps/webhook/db", 0)))
        .isInstanceOfSatisfying(
            ApiRefusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThatThrownBy(
            () ->
                authorization.check(
                    route,
                    SpiffeId.of("spike.ist", "/other"),
                    new SecretGetRequest("apps/web/db", 0)))
        .isInstanceOf(ApiRefusal.class);
  }

  @Test
  void roleGuards_holdOnlyTheirRoles() {
    Guard<Object> restore = Guard.role(Role.RESTORE, TrustRoots.single("spike.ist"));
    Guard<Object> nexusOrBootstrap =
        Guard.anyRole(TrustRoots.single("spike.ist"), Role.NEXUS, Role.BOOTSTRAP);

    assertThat(restore.allows(Role.RESTORE.id("spike.ist"), null)).isTrue();
    assertThat(restore.allows(Role.SUPERUSER.id("spike.ist"), null)).isFalse();
    assertThat(nexusOrBootstrap.allows(Role.BOOTSTRAP.id("spike.ist"), null)).isTrue();
    assertThat(nexusOrBootstrap.allows(Role.KEEPER.id("spike.ist"), null)).isFalse();
    assertThat(nexusOrBootstrap.allows(SpiffeId.of("other.td", "/spike/nexus"), null)).isFalse();
    assertThat(
            Guard.member(TrustRoots.single("spike.ist"))
                .allows(SpiffeId.of("other.td", "/x"), null))
        .isFalse();
  }
}
