package io.spike.nexus.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
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
    store = (SpikeStore) Proxy.newProxyInstance(SpikeStore.class.getClassLoader(), new Class<?>[] {SpikeStore.class},
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
    authorizer = new Authorizer(TD, policies);
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
    assertThat(authorizer.allows(SpiffeId.of(TD, "/spike/keeper/2"), "apps/web/db", READ)).isFalse();
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

  @Test
  void patterns_matchAnywhere_likeSpike_unlessAnchored() {
    policy("loose", "apps/web", "web/", "read");
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
    assertThat(authorizer.allows(WEB, "other/web/x", READ)).isTrue();
    policies.delete("loose");
    policy("anchored", "^spiffe://spike\\.ist/apps/web$", "^apps/web/.*$", "read");
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isTrue();
    assertThat(authorizer.allows(WEB, "x/apps/web/db", READ)).isFalse();
    assertThat(authorizer.allows(SpiffeId.of(TD, "/apps/web/child"), "apps/web/db", READ)).isFalse();
  }

  @Test
  void superPermission_impliesEveryOther() {
    policy("web-super", "apps/web", "^apps/web/", "super");
    assertThat(authorizer.allows(WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE, Permission.LIST)))
        .isTrue();
  }

  @Test
  void wantedPermissions_mustAllBeHeldByOnePolicy() {
    policy("r", "apps/web", "^apps/web/", "read");
    policy("w", "apps/web", "^apps/web/", "write");
    assertThat(authorizer.allows(WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE))).isFalse();
    policy("rw", "apps/web", "^apps/web/", "read", "write");
    assertThat(authorizer.allows(WEB, "apps/web/db", EnumSet.of(Permission.READ, Permission.WRITE))).isTrue();
  }

  @Test
  void otherTrustDomain_isDenied() {
    policy("all", ".*", ".*", "super");
    assertThat(authorizer.allows(SpiffeId.of("evil.example", "/apps/web"), "apps/web/db", READ)).isFalse();
  }

  @Test
  void policies_compiledOncePerGeneration() {
    policy("web-read", "apps/web", "^apps/web/", "read");
    for (int i = 0; i < 100; i++) {
      authorizer.allows(WEB, "apps/web/db" + i, READ);
    }
    assertThat(policyReads.get()).isEqualTo(1);
    policy("web-write", "apps/web", "^apps/web/", "write");
    authorizer.allows(WEB, "apps/web/db", READ);
    authorizer.allows(WEB, "apps/web/db", READ);
    assertThat(policyReads.get()).isEqualTo(2);
  }

  @Test
  void changesByAnotherReplica_areNoticed() {
    Policies replica = new Policies(store, barrier, Clock.systemUTC());
    assertThat(authorizer.allows(WEB, "apps/web/db", READ)).isFalse();
    replica.put(new PolicyPutRequest("web-read", "apps/web", "^apps/web/", List.of("read")));
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
