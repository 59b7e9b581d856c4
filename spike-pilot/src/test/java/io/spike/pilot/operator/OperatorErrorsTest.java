package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.identity.Role;
import org.junit.jupiter.api.Test;

class OperatorErrorsTest {
  @Test
  void unauthorized_namesTheRolesPath_andTheDevShell() {
    String line =
        OperatorErrors.unauthorized(
            new ApiException(ErrorCode.UNAUTHORIZED, null),
            "spiffe://spike.ist/spike/pilot/role/superuser",
            "fetch the recovery shards",
            Role.RECOVER);

    assertThat(line)
        .isEqualTo(
            "access_unauthorized: Nexus refused to let spiffe://spike.ist/spike/pilot/role/superuser"
                + " fetch the recovery shards; this needs the pilot recover identity"
                + " (spiffe://<trust domain>/spike/pilot/role/recover; dev: eval \"$(./spike dev env --role recover)\")");
  }

  @Test
  void refused_andRateLimited_keepNexussDetail() {
    ApiException e = new ApiException(ErrorCode.RATE_LIMITED, "retry in 4 s");

    assertThat(OperatorErrors.rateLimited(e, "unseal"))
        .isEqualTo(
            "api_rate_limited: Nexus is limiting attempts to unseal (retry in 4 s); wait and retry");
    assertThat(
            OperatorErrors.refused(
                new ApiException(ErrorCode.CONFLICT, null), "restore", "check spike status"))
        .isEqualTo("state_conflict: Nexus refused to restore; check spike status");
  }
}
