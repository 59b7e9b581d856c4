package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

  private static final String TD = "spike.ist";

  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @CsvSource({
    "spiffe://spike.ist/spike/nexus,                   NEXUS,     true",
    "spiffe://spike.ist/spike/nexus/replica-2,         NEXUS,     true",
    "spiffe://spike.ist/spike/nexusX,                  NEXUS,     false",
    "spiffe://spike.ist/spike/nexu,                    NEXUS,     false",
    "spiffe://other.td/spike/nexus,                    NEXUS,     false",
    "spiffe://spike.ist/spike/keeper,                  KEEPER,    true",
    "spiffe://spike.ist/spike/keeper/3,                KEEPER,    true",
    "spiffe://spike.ist/spike/keeper3,                 KEEPER,    false",
    "spiffe://spike.ist/spike/nexus,                   KEEPER,    false",
    "spiffe://spike.ist/spike/bootstrap,               BOOTSTRAP, true",
    "spiffe://spike.ist/spike/pilot/role/superuser,    SUPERUSER, true",
    "spiffe://spike.ist/spike/pilot/role/superuserX,   SUPERUSER, false",
    "spiffe://spike.ist/spike/pilot/role/recover,      RECOVER,   true",
    "spiffe://spike.ist/spike/pilot/role/restore,      RESTORE,   true",
    "spiffe://spike.ist/spike/pilot/role/restore,      RECOVER,   false",
    "spiffe://spike.ist/spike/pilot,                   SUPERUSER, false",
    "spiffe://spike.ist/app/spike/nexus,               NEXUS,     false",
  })
  void holds_table(String id, Role role, boolean expected) {
    assertThat(role.holds(SpiffeId.parse(id), TD)).isEqualTo(expected);
  }

  @Test
  void id_isTheRolePathInTheTrustDomain() {
    assertThat(Role.NEXUS.id(TD)).hasToString("spiffe://spike.ist/spike/nexus");
    assertThat(Role.RESTORE.id("example.org"))
        .hasToString("spiffe://example.org/spike/pilot/role/restore");
    for (Role role : Role.values()) {
      assertThat(role.holds(role.id(TD), TD)).isTrue();
      assertThat(Role.of(role.id(TD), TD)).contains(role);
    }
  }

  @Test
  void of_workloadOrOtherTrustDomain_isEmpty() {
    assertThat(Role.of(SpiffeId.parse("spiffe://spike.ist/app/web"), TD)).isEmpty();
    assertThat(Role.of(SpiffeId.parse("spiffe://other.td/spike/nexus"), TD)).isEmpty();
    assertThat(Role.of(SpiffeId.parse("spiffe://spike.ist/spike/keeper/2"), TD))
        .contains(Role.KEEPER);
  }

  @Test
  void trustDomainFrom_defaultsToSpikeIst() {
    assertThat(Role.trustDomainFrom(Map.<String, String>of()::get)).isEqualTo("spike.ist");
    assertThat(Role.trustDomainFrom(Map.of("SPIKE_TRUST_ROOT", " ")::get)).isEqualTo("spike.ist");
  }

  @Test
  void trustDomainFrom_readsSpikeTrustRoot() {
    assertThat(Role.trustDomainFrom(Map.of("SPIKE_TRUST_ROOT", "example.org")::get))
        .isEqualTo("example.org");
  }

  @Test
  void trustDomainFrom_invalidName_namesTheVariable() {
    assertThatThrownBy(() -> Role.trustDomainFrom(Map.of("SPIKE_TRUST_ROOT", "Example.ORG/x")::get))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_TRUST_ROOT");
  }

  @Test
  void trustDomainFromEnv_matchesTheProcessEnvironment() {
    String env = System.getenv("SPIKE_TRUST_ROOT");
    String expected = env == null || env.isBlank() ? "spike.ist" : env.trim();

    assertThat(Role.trustDomainFromEnv()).isEqualTo(expected);
  }
}
