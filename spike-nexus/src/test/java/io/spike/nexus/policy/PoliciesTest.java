package io.spike.nexus.policy;

import static io.spike.nexus.ApiAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.Policy;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoliciesTest {
  private final SpikeStore store = Stores.open(new StoreConfig.Memory());
  private final Barrier barrier = new Barrier();
  private Policies policies;

  @BeforeEach
  void setUp() {
    SecureRandom random = new SecureRandom();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    policies = new Policies(store, barrier, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    barrier.seal();
    store.close();
  }

  private static PolicyPutRequest request(
      String name, String id, String path, String... permissions) {
    return new PolicyPutRequest(name, id, path, List.of(permissions));
  }

  private static void assertBadRequest(ThrowingCallable call) {
    assertRefusal(call, Refusal.Kind.INVALID);
  }

  @Test
  void put_thenGet_returnsPolicyWithIdEqualToName() {
    assertThat(
            policies.put(
                request("web", "^spiffe://spike\\.ist/web$", "^apps/web/", "read", "list")))
        .isEqualTo("web");
    Policy policy = policies.get("web");
    assertThat(policy.id()).isEqualTo("web");
    assertThat(policy.name()).isEqualTo("web");
    assertThat(policy.spiffeidPattern()).isEqualTo("^spiffe://spike\\.ist/web$");
    assertThat(policy.pathPattern()).isEqualTo("^apps/web/");
    assertThat(policy.permissions()).containsExactly("read", "list");
    assertThat(policy.createdAt()).isNotNull();
    assertThat(policy.enforced())
        .contains(
            new Policy.Enforced("^(?:^spiffe://spike\\.ist/web$)$", "^(?:^apps/web/)$", List.of()));
  }

  @Test
  void get_showsTheSystemPathsAPolicyCanGrant() {
    policies.put(request("admin", "spiffe://spike\\.ist/ops", "^spike/system/acl$", "write"));
    policies.put(request("wide", "spiffe://spike\\.ist/ops", ".*", "super"));
    assertThat(policies.get("admin").enforced().orElseThrow().systemPaths())
        .containsExactly("spike/system/acl");
    assertThat(policies.get("wide").enforced().orElseThrow().systemPaths()).isEmpty();
  }

  /**
   * Constructs RE2 does not have are refused with the construct named; nested repetition is
   * bounded.
   */
  @Test
  void put_patternsRe2CannotCompile_orTooComplex_are400NamingTheConstruct() {
    assertThatThrownBy(() -> policies.put(request("p", "a", "(?=x)y", "read")))
        .isInstanceOfSatisfying(
            Refusal.class, e -> assertThat(e.getMessage()).contains("pathPattern").contains("(?="));
    assertThatThrownBy(() -> policies.put(request("p", "(a)\\1", "b", "read")))
        .isInstanceOfSatisfying(
            Refusal.class,
            e -> assertThat(e.getMessage()).contains("spiffeidPattern").contains("\\1"));
    assertThatThrownBy(
            () -> policies.put(request("p", "a", "((((a{0,50}){0,50}){0,50}){0,50})", "read")))
        .isInstanceOfSatisfying(
            Refusal.class, e -> assertThat(e.getMessage()).containsAnyOf("too complex", "repeat"));
    assertThat(store.policies()).isEmpty();
  }

  @Test
  void put_again_replaces_andKeepsCreationTime() {
    policies.put(request("web", "a", "b", "read"));
    Policy first = policies.get("web");
    policies.put(request("web", "c", "d", "write", "write"));
    Policy second = policies.get("web");
    assertThat(second.spiffeidPattern()).isEqualTo("c");
    assertThat(second.permissions()).containsExactly("write");
    assertThat(second.createdAt()).isEqualTo(first.createdAt());
    assertThat(policies.list(PolicyListRequest.all())).hasSize(1);
  }

  @Test
  void list_isSortedAndFiltersByPattern() {
    policies.put(request("zeta", "id-a", "path-a", "read"));
    policies.put(request("alpha", "id-b", "path-a", "read"));
    policies.put(request("mid", "id-a", "path-b", "read"));
    assertThat(policies.list(PolicyListRequest.all()))
        .extracting(PolicyListResponse.Summary::name)
        .containsExactly("alpha", "mid", "zeta");
    assertThat(policies.list(new PolicyListRequest(Optional.of("id-a"), Optional.empty())))
        .extracting(PolicyListResponse.Summary::id)
        .containsExactly("mid", "zeta");
    assertThat(policies.list(new PolicyListRequest(Optional.of("id-a"), Optional.of("path-a"))))
        .extracting(PolicyListResponse.Summary::id)
        .containsExactly("zeta");
  }

  @Test
  void delete_removes_andUnknownIs404() {
    policies.put(request("gone", "a", "b", "read"));
    policies.delete("gone");
    assertRefusal(() -> policies.get("gone"), Refusal.Kind.NOT_FOUND);
    assertRefusal(() -> policies.delete("gone"), Refusal.Kind.NOT_FOUND);
  }

  @Test
  void put_invalid_is400_andStoresNothing() {
    assertThatThrownBy(() -> request("", "a", "b", "read"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request("n".repeat(257), "a", "b", "read"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request("tab\tname", "a", "b", "read"))
        .isInstanceOf(IllegalArgumentException.class);
    assertBadRequest(() -> policies.put(request("ok", "(", "b", "read")));
    assertBadRequest(() -> policies.put(request("ok", "a", "[z-a]", "read")));
    assertBadRequest(() -> policies.put(request("ok", "", "b", "read")));
    assertBadRequest(() -> policies.put(request("ok", "a", "b")));
    assertBadRequest(() -> policies.put(request("ok", "a", "b", "read", "admin")));
    assertBadRequest(() -> policies.put(new PolicyPutRequest("ok", null, "b", List.of("read"))));
    assertThat(store.policies()).isEmpty();
  }

  @Test
  void storedPolicy_isEncryptedAndBoundToItsName() {
    policies.put(request("web", "very-unique-id-pattern", "very-unique-path-pattern", "read"));
    PolicyRecord row = store.policy("web").orElseThrow();
    assertThat(new String(row.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("very-unique");
    store.putPolicy(new PolicyRecord("moved", row.ciphertext()));
    assertThatThrownBy(() -> policies.get("moved"))
        .isInstanceOf(io.spike.nexus.barrier.TamperedRecordException.class);
  }
}
