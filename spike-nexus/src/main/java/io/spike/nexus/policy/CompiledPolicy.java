package io.spike.nexus.policy;

import io.spike.identity.SpiffeId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy ready to match: both patterns compiled, permissions as a set. Matching is a search
 * ({@link java.util.regex.Matcher#find()}), as SPIKE's Go {@code MatchString} does; anchored
 * patterns ({@code ^...$}) match whole strings only.
 */
record CompiledPolicy(String name, Pattern spiffeId, Pattern path, Set<Permission> permissions) {

  static CompiledPolicy of(StoredPolicy policy) {
    return new CompiledPolicy(policy.name(), Pattern.compile(policy.spiffeidPattern()),
        Pattern.compile(policy.pathPattern()),
        Set.copyOf(policy.permissions().stream().map(p -> Permission.fromWire(p).orElseThrow()).toList()));
  }

  /** Whether this policy gives {@code caller} every one of {@code wanted} on {@code path}. */
  boolean grants(SpiffeId caller, String path, Set<Permission> wanted) {
    return spiffeId.matcher(caller.toString()).find()
        && this.path.matcher(path).find()
        && (permissions.contains(Permission.SUPER) || permissions.containsAll(wanted));
  }
}
