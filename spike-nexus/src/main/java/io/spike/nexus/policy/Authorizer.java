package io.spike.nexus.policy;

import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import io.spike.server.pipeline.Guard;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Decides access to data routes (DESIGN §4): the pilot superuser may do everything; the other role
 * identities (nexus, keeper, bootstrap, recover, restore) never get data access, whatever the
 * policies say; every other SPIFFE ID of the trust domain gets what some policy grants, matched as
 * {@link CompiledPolicy} says (whole strings, RE2/J, reserved system paths only when named
 * literally).
 *
 * <p>Compiled policies are cached under the store's policy generation, which every policy change
 * (by this or another replica) bumps; each decision reads the generation and recompiles only when
 * it moved.
 */
public final class Authorizer {
  /** Path that {@code list} permission is checked on for listing secrets. */
  public static final String SECRET_LIST_PATH = SystemPaths.SECRET;

  /** Path that read, list and write are checked on for the policy routes. */
  public static final String ACL_PATH = SystemPaths.ACL;

  /** Path that {@code execute} is checked on for the cipher routes. */
  public static final String CIPHER_PATH = SystemPaths.CIPHER;

  private final TrustRoots trust;
  private final Policies policies;
  private final AtomicReference<Snapshot> cache = new AtomicReference<>();

  public Authorizer(TrustRoots trust, Policies policies) {
    this.trust = trust;
    this.policies = policies;
  }

  /** Whether {@code caller} holds every one of {@code wanted} on {@code path}. */
  public boolean allows(SpiffeId caller, String path, Set<Permission> wanted) {
    Optional<Role> role = trust.roleOf(caller);
    if (role.isPresent()) {
      return role.get() == Role.SUPERUSER;
    }
    if (!trust.isWorkload(caller) || path == null) {
      return false;
    }
    return compiled().stream().anyMatch(p -> p.grants(caller, path, wanted));
  }

  /** A guard checking {@code wanted} on the path a request names. */
  public <Q> Guard<Q> guard(Function<Q, String> pathOf, Permission... wanted) {
    Set<Permission> set = EnumSet.of(wanted[0], wanted);
    return (caller, request) -> allows(caller, pathOf.apply(request), set);
  }

  /** A guard checking {@code wanted} on a fixed system path. */
  public <Q> Guard<Q> guard(String path, Permission... wanted) {
    return guard(request -> path, wanted);
  }

  private List<CompiledPolicy> compiled() {
    long generation = policies.generation();
    Snapshot current = cache.get();
    if (current != null && current.generation == generation) {
      return current.policies;
    }
    // Read the generation before the policies: a change in between makes the next call reload.
    Snapshot fresh = new Snapshot(generation, policies.compileAll());
    cache.set(fresh);
    return fresh.policies;
  }

  private record Snapshot(long generation, List<CompiledPolicy> policies) {}
}
