package io.spike.nexus.policy;

import com.google.re2j.Pattern;
import io.spike.api.wire.Policy;
import io.spike.identity.SpiffeId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy ready to match: both patterns compiled with RE2/J (linear time in the input, whatever
 * the pattern), permissions as a set, and the reserved system paths it may grant.
 *
 * <p>Matching is whole-string: the SPIFFE ID pattern must match the caller's whole ID and the path
 * pattern the whole secret path ({@link Pattern#matches(String)}), unlike SPIKE's Go {@code
 * MatchString}, which finds a match anywhere. A policy for {@code apps/web} therefore serves {@code
 * apps/web} only, never {@code apps/webhook} or {@code team-x/apps/web-admin}.
 *
 * <p>Reserved system paths ({@link SystemPaths}): a policy grants on one of them only when its path
 * pattern names that path literally at its start, so {@code .*} never grants the policy,
 * secret-list or cipher routes.
 */
record CompiledPolicy(
    String name,
    Pattern spiffeId,
    Pattern path,
    Set<Permission> permissions,
    Set<String> systemPaths) {

  static CompiledPolicy of(StoredPolicy policy) {
    return new CompiledPolicy(
        policy.name(),
        PolicyPatterns.compile(policy.spiffeidPattern()),
        PolicyPatterns.compile(policy.pathPattern()),
        Set.copyOf(
            policy.permissions().stream().map(p -> Permission.fromWire(p).orElseThrow()).toList()),
        SystemPaths.namedBy(policy.pathPattern()));
  }

  /** Whether this policy gives {@code caller} every one of {@code wanted} on {@code path}. */
  boolean grants(SpiffeId caller, String path, Set<Permission> wanted) {
    if (SystemPaths.isSystem(path) && !systemPaths.contains(path)) {
      return false;
    }
    return (permissions.contains(Permission.SUPER) || permissions.containsAll(wanted))
        && spiffeId.matches(caller.toString())
        && this.path.matches(path);
  }

  /** What is enforced, for {@code policy get}. */
  static Policy.Enforced enforced(StoredPolicy policy) {
    return new Policy.Enforced(
        PolicyPatterns.anchored(policy.spiffeidPattern()),
        PolicyPatterns.anchored(policy.pathPattern()),
        List.copyOf(new TreeSet<>(SystemPaths.namedBy(policy.pathPattern()))));
  }
}
