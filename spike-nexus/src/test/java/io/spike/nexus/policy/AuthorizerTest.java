package io.spike.nexus.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import io.spike.nexus.barrier.Barrier;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  private static final String TD = "spike.ist";
  private static final SpiffeId WEB = SpiffeId.of(TD, "/apps/web");
  private static final Set<Permission> READ = EnumSet.of(Permission.READ);
  private static final Set<Permission> WRITE = EnumSet.of(Permission.WRITE);

  private SpikeStore store;
  private final AtomicInteger policyReads = new AtomicInteger();
  private final Barrier barrier = new Barrier();
  private Policies policies;
  private Authorizer authorizer;

  @BeforeEach
  void setUp() {
    SpikeStore real = Stores.open(new StoreConfig.Memory());
    store =
        (SpikeStore)
            Proxy.newProxyInstance(
                SpikeStore.class.getClassLoader(),
                new Class<?>[] {SpikeStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("policies")) {
                    policyReads.incrementAndGet();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    SecureRandom random = new SecureRandom();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    policies = new Policies(store, barrier, Clock.systemUTC());
    authorizer = new Authorizer(TrustRoots.single(TD), policies);
  }

  @AfterEach
  void tearDown() {
    barrier.seal();
    store.close();
  }

  private void policy(String name, String idPattern, String pathPattern, String... permissions) {
    policies.put(new PolicyPutRequest(name, idPattern, pathPattern, List.of(permissions)));
  }

  @Test
  void superuser_mayDoEverything_withoutPolicies() {
    SpiffeId superuser = Role.SUPERUSER.id(TD);
    assertThat(authorizer.allows(superuser, "any/path", EnumSet.allOf(Permission.class))).isTrue();
  }

  @Test
  void otherRoles_neverGetDataAccess_evenWithASuperPolicy() {
    policy("everything", ".*", ".*", "super");
    for (Role role : List.of(Role.NEXUS, Role.KEEPER, Role.BOOTSTRAP, Role.RECOVER, Role.RESTORE)) {
      assertThat(authorizer.allows(role.id(TD), "apps/web/db", READ)).as(role.name()).isFalse();
    }
    assertThat(authorizer.allows(SpiffeId.of(TD, "/spike/keeper/2"), "apps/web/db", READ))
        .isFalse();
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
  }

  @Test
  void workload_withoutPolicy_isDenied() {
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isFalse();
  }

  @Test
  void readPolicy_grantsReadOnMatchingPathsOnly() {
    policy("web-read", "^spiffe://spike\\.ist/apps/web$", "apps/web/.*", "read");
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
    assertThat(authorizer.allows(WEB, "apps/web/db", WRITE)).isFalse();
    assertThat(authorizer.allows(WEB, "apps/api/db", READ)).isFalse();
    assertThat(authorizer.allows(SpiffeId.of(TD, "/apps/api"), "apps/web/db", READ)).isFalse();
  }

  /**
   * Whole-string matching: a policy for {@code spiffe://spike.ist/app/web} on {@code apps/web}
   * serves exactly that ID on exactly that path. (SPIKE's partial match let it serve {@code
   * app/webhook} and {@code team-x/apps/web-admin}.)
   */
  @Test
  void patterns_matchWholeIdAndWholePath_notASubstring() {
    SpiffeId app = SpiffeId.of(TD, "/app/web");
    policy("web", "spiffe://spike.ist/app/web", "apps/web", "read");
    assertThat(authorizer.allows(app, "apps/web", READ)).isTrue();
    assertThat(authorizer.allows(SpiffeId.of(TD, "/app/webhook"), "apps/web", READ)).isFalse();
    assertThat(authorizer.allows(SpiffeId.of(TD, "/x/app/web"), "apps/web", READ)).isFalse();
    assertThat(authorizer.allows(app, "team-x/apps/web-admin", READ)).isFalse();
    assertThat(authorizer.allows(app, "apps/web/db", READ)).isFalse();
    assertThat(authorizer.allows(app, "apps/webhook", READ)).isFalse();
    policies.delete("web");
    policy("anchored", "^spiffe://spike\\.ist/apps/web$", "^apps/web/.*$", "read");
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
    assertThat(authorizer.allows(WEB, "x/apps/web/db", READ)).isFalse();
    assertThat(authorizer.allows(SpiffeId.of(TD, "/apps/web/child"), "apps/web/db", READ))
        .isFalse();
  }

  /** A backtracking engine takes over 10 s for this pattern on this path; RE2/J is linear. */
  @Test
  @org.junit.jupiter.api.Timeout(5)
  void catastrophicPattern_matchesInLinearTime() {
    policy("slow", ".*", "(.*a){12}$", "read");
    String path = "a".repeat(40) + "b";
    for (int i = 0; i < 20; i++) {
      assertThat(authorizer.allows(WEB, path, READ)).isFalse();
    }
  }

  /**
   * A workload that may write everywhere ({@code ^.*$}) must not be able to write itself a {@code
   * super} policy: the system paths are granted only by patterns that name them literally.
   */
  @Test
  void systemPaths_grantedOnlyByPatternsThatNameThemLiterally() {
    policy("everything", "^spiffe://spike\\.ist/apps/web$", "^.*$", "super");
    policy("spike-tree", "^spiffe://spike\\.ist/apps/web$", "spike/.*", "super");
    policy("grouped", "^spiffe://spike\\.ist/apps/web$", "(spike/system/acl)", "super");
    for (String system :
        List.of(Authorizer.ACL_PATH, Authorizer.SECRET_LIST_PATH, Authorizer.CIPHER_PATH)) {
      assertThat(authorizer.allows(WEB, system, WRITE)).as(system).isFalse();
      assertThat(authorizer.allows(WEB, system, EnumSet.of(Permission.LIST))).as(system).isFalse();
    }
    assertThat(authorizer.allows(WEB, "apps/web/db", WRITE)).isTrue();

    policy("acl-admin", "^spiffe://spike\\.ist/apps/web$", "^spike/system/acl$", "write");
    assertThat(authorizer.allows(WEB, Authorizer.ACL_PATH, WRITE)).isTrue();
    assertThat(authorizer.allows(WEB, Authorizer.SECRET_LIST_PATH, EnumSet.of(Permission.LIST)))
        .isFalse();
    policy("lister", "^spiffe://spike\\.ist/apps/web$", "spike/system/secret", "list");
    assertThat(authorizer.allows(WEB, Authorizer.SECRET_LIST_PATH, EnumSet.of(Permission.LIST)))
        .isTrue();
  }

  @Test
  void superPermission_impliesEveryOther() {
    policy("web-super", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "super");
    assertThat(
            authorizer.allows(
                WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE, Permission.LIST)))
        .isTrue();
  }

  @Test
  void wantedPermissions_mustAllBeHeldByOnePolicy() {
    policy("r", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "read");
    policy("w", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "write");
    assertThat(authorizer.allows(WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE)))
        .isFalse();
    policy("rw", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "read", "write");
    assertThat(authorizer.allows(WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE)))
        .isTrue();
  }

  @Test
  void otherTrustDomain_isDenied() {
    policy("all", ".*", ".*", "super");
    assertThat(authorizer.allows(SpiffeId.of("evil.example", "/apps/web"), "apps/web/db", READ))
        .isFalse();
  }

  @Test
  void policies_compiledOncePerGeneration() {
    policy("web-read", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "read");
    for (int i = 0; i < 100; i++) {
      authorizer.allows(WEB, "apps/web/db" + i, READ);
    }
    assertThat(policyReads.get()).isEqualTo(1);
    policy("web-write", "spiffe://spike\\.ist/apps/web", "apps/web/.*", "write");
    authorizer.allows(WEB, "apps/web/db", READ);
    authorizer.allows(WEB, "apps/web/db", READ);
    assertThat(policyReads.get()).isEqualTo(2);
  }

  @Test
  void changesByAnotherReplica_areNoticed() {
    Policies replica = new Policies(store, barrier, Clock.systemUTC());
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isFalse();
    replica.put(
        new PolicyPutRequest(
            "web-read", "spiffe://spike\\.ist/apps/web", "apps/web/.*", List.of("read")));
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
    replica.delete("web-read");
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isFalse();
  }

  @Test
  void nullPath_isDenied() {
    policy("all", ".*", ".*", "super");
    assertThat(authorizer.allows(WEB, null, READ)).isFalse();
  }
}
