package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustRootsTest {

  /** Workloads in spike.ist; keepers also in keepers.example; pilots only in ops.example. */
  private static final TrustRoots SPLIT =
      TrustRoots.from(
          Environment.of(
              Map.of(
                  "SPIKE_TRUST_ROOT", "spike.ist",
                  "SPIKE_TRUST_ROOT_KEEPER", "spike.ist, keepers.example",
                  "SPIKE_TRUST_ROOT_PILOT", "ops.example")));

  @Test
  void defaults_everyListIsTheTrustRoot() {
    TrustRoots trust = TrustRoots.from(Environment.of(Map.of("SPIKE_TRUST_ROOT", "example.org")));

    assertThat(trust).isEqualTo(TrustRoots.single("example.org"));
    assertThat(trust.all()).containsExactly("example.org");
    assertThat(TrustRoots.from(Environment.of(Map.of()))).isEqualTo(TrustRoots.single("spike.ist"));
  }

  @Test
  void from_readsEveryList() {
    assertThat(SPLIT.workloads()).isEqualTo("spike.ist");
    assertThat(SPLIT.nexus()).containsExactly("spike.ist");
    assertThat(SPLIT.keeper()).containsExactly("spike.ist", "keepers.example");
    assertThat(SPLIT.pilot()).containsExactly("ops.example");
    assertThat(SPLIT.bootstrap()).containsExactly("spike.ist");
    assertThat(SPLIT.all()).containsExactly("spike.ist", "keepers.example", "ops.example");
  }

  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @CsvSource({
    "spiffe://keepers.example/spike/keeper/2,       KEEPER,    true",
    "spiffe://spike.ist/spike/keeper/1,             KEEPER,    true",
    "spiffe://keepers.example/spike/keeperX,        KEEPER,    false",
    "spiffe://keepers.example/apps/keeper,          KEEPER,    false",
    "spiffe://keepers.example/spike/nexus,          NEXUS,     false",
    "spiffe://ops.example/spike/keeper/1,           KEEPER,    false",
    "spiffe://ops.example/spike/pilot/role/superuser, SUPERUSER, true",
    "spiffe://ops.example/spike/pilot/role/recover, RECOVER,   true",
    "spiffe://spike.ist/spike/pilot/role/superuser, SUPERUSER, false",
    "spiffe://ops.example/spike/bootstrap,          BOOTSTRAP, false",
    "spiffe://spike.ist/spike/bootstrap,            BOOTSTRAP, true",
  })
  void holds_table(String id, Role role, boolean expected) {
    assertThat(SPLIT.holds(role, SpiffeId.parse(id))).isEqualTo(expected);
    assertThat(SPLIT.role(role).test(SpiffeId.parse(id))).isEqualTo(expected);
  }

  @Test
  void roleOf_findsTheRoleInItsOwnDomainsOnly() {
    assertThat(SPLIT.roleOf(SpiffeId.parse("spiffe://keepers.example/spike/keeper/3")))
        .contains(Role.KEEPER);
    assertThat(SPLIT.roleOf(SpiffeId.parse("spiffe://ops.example/spike/keeper/3"))).isEmpty();
    assertThat(SPLIT.roleOf(SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser")))
        .isEmpty();
  }

  @Test
  void isWorkload_onlyTheTrustRoot_andNeverUnderARolePath() {
    assertThat(SPLIT.isWorkload(SpiffeId.parse("spiffe://spike.ist/apps/web"))).isTrue();
    assertThat(SPLIT.isWorkload(SpiffeId.parse("spiffe://keepers.example/apps/web"))).isFalse();
    assertThat(SPLIT.isWorkload(SpiffeId.parse("spiffe://ops.example/apps/web"))).isFalse();
    // A role path in a domain not allowed for that role: no role, and no workload either.
    assertThat(SPLIT.isWorkload(SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser")))
        .isFalse();
    assertThat(SPLIT.isWorkload(SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/other")))
        .isTrue();
  }

  @Test
  void emptyListEntry_isRefused_namingVariableAndPosition_withoutOtherConfig() {
    Map<String, String> env =
        Map.of(
            "SPIKE_TRUST_ROOT_KEEPER", "a.example,,b.example",
            "SPIKE_NEXUS_DB_URL", "jdbc:postgresql://db/spike?password=hunter2-secret");

    assertThatThrownBy(() -> TrustRoots.from(Environment.of(env)))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_TRUST_ROOT_KEEPER")
        .hasMessageContaining("empty entry at position 2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void invalidListEntry_isRefusedWithItsPosition() {
    assertThatThrownBy(
            () ->
                TrustRoots.from(
                    Environment.of(Map.of("SPIKE_TRUST_ROOT_PILOT", "ops.example, Ops.Example"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_TRUST_ROOT_PILOT")
        .hasMessageContaining("position 2");
    assertThatThrownBy(
            () -> TrustRoots.from(Environment.of(Map.of("SPIKE_TRUST_ROOT_NEXUS", "a.example,"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_TRUST_ROOT_NEXUS")
        .hasMessageContaining("empty entry at position 2");
  }

  @Test
  void constructor_refusesEmptyListsAndBadNames() {
    assertThatThrownBy(
            () -> new TrustRoots("spike.ist", List.of(), List.of("a"), List.of("a"), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TrustRoots(
                    "spike.ist", List.of("A/B"), List.of("a"), List.of("a"), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromSource_defaultsToTheSourcesDomain_whenTheTrustRootIsUnset(@TempDir Path dir) {
    DevCa ca = DevCa.create(dir.resolve("ca"), "example.org");
    try (SvidSource source = ca.issueSource(Role.SUPERUSER.path(), dir.resolve("svid"))) {
      assertThat(TrustRoots.from(Environment.of(Map.of()), source))
          .isEqualTo(TrustRoots.single("example.org"));
      assertThat(
              TrustRoots.from(Environment.of(Map.of("SPIKE_TRUST_ROOT_NEXUS", "n.example")), source)
                  .nexus())
          .containsExactly("n.example");
      assertThat(TrustRoots.from(Environment.of(Map.of("SPIKE_TRUST_ROOT", "x.org")), source))
          .isEqualTo(TrustRoots.single("x.org"));
    }
  }
}
