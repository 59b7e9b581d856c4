package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.wire.PasswordRequest;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enabling password escrow over real mTLS. */
class EscrowRouteTest {
  private static final String PASSWORD = "twelve chars+";

  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster live;
  private static NexusTestCluster sealed;

  @BeforeAll
  static void start() {
    live = clusters.startUnsealed();
    sealed = clusters.start();
  }

  @Test
  void superuser_storesAnEscrowThatHoldsNoPassword() {
    live.client(live.superuser()).escrow(new PasswordRequest(PASSWORD));

    byte[] escrow = live.store().system(SystemKey.ESCROW).orElseThrow();
    String hex = HexFormat.of().formatHex(escrow);
    assertThat(hex)
        .doesNotContain(HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    assertThat(escrow.length).isLessThan(200);
  }

  @Test
  void passwordUnder12Characters_is400() {
    assertRefused(
        () -> live.client(live.superuser()).escrow(new PasswordRequest("eleven char")),
        ErrorCode.BAD_REQUEST,
        "at least 12 characters");
    assertRefused(
        () -> live.client(live.superuser()).escrow(new PasswordRequest(null)),
        ErrorCode.BAD_REQUEST,
        "password is required");
  }

  @Test
  void otherRoles_get401() {
    for (String path : List.of(Role.RESTORE.path(), Role.RECOVER.path(), "/apps/web")) {
      assertRefused(
          () -> live.client(live.svid(path)).escrow(new PasswordRequest(PASSWORD)),
          ErrorCode.UNAUTHORIZED,
          "");
    }
  }

  @Test
  void sealed_is503() {
    assertRefused(
        () -> sealed.client(sealed.superuser()).escrow(new PasswordRequest(PASSWORD)),
        ErrorCode.NOT_READY,
        "");
    assertThat(sealed.store().system(SystemKey.ESCROW)).isEmpty();
  }
}
