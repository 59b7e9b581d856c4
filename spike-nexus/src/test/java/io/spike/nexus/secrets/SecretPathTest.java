package io.spike.nexus.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.nexus.refusal.Refusal;
import org.junit.jupiter.api.Test;

class SecretPathTest {

  @Test
  void require_acceptsOrdinaryPaths() {
    assertThat(SecretPath.require("apps/web/db")).isEqualTo("apps/web/db");
    assertThat(SecretPath.require("/tenants/a b/ü")).isEqualTo("/tenants/a b/ü");
    assertThat(SecretPath.require("x".repeat(1024))).hasSize(1024);
  }

  @Test
  void require_refusesBadPaths() {
    for (String bad :
        new String[] {
          null,
          "",
          "x".repeat(1025),
          "a\u0000b",
          "a\tb",
          "a\u007fb",
          "a\u0085b",
          " a",
          "a ",
          "x\ud800",
          "spike/system/acl"
        }) {
      assertThatThrownBy(() -> SecretPath.require(bad)).isInstanceOf(Refusal.class);
    }
  }
}
