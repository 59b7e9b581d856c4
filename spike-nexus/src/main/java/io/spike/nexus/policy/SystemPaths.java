package io.spike.nexus.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reserved system paths whose permissions guard whole route families: {@value #ACL} (policy
 * routes: read, list, write), {@value #SECRET} (listing secrets: list) and {@value #CIPHER}
 * (encryption as a service: execute). No secret may live under {@code spike/}.
 *
 * <p>A policy grants on a system path only when its path pattern names that path literally at its
 * start (after an optional {@code ^}): {@code ^spike/system/acl$} or {@code spike/system/acl} does;
 * {@code .*}, {@code spike/.*} or {@code (spike/system/acl)} does not. So a workload that may write
 * everywhere cannot write itself a {@code super} policy.
 */
final class SystemPaths {
  static final String ACL = "spike/system/acl";
  static final String SECRET = "spike/system/secret";
  static final String CIPHER = "spike/system/cipher/exec";
  static final List<String> ALL = List.of(ACL, SECRET, CIPHER);

  private SystemPaths() {}

  static boolean isSystem(String path) {
    return ALL.contains(path);
  }

  /** The system paths {@code pathPattern} names literally at its start. */
  static Set<String> namedBy(String pathPattern) {
    String literal = pathPattern.startsWith("^") ? pathPattern.substring(1) : pathPattern;
    Set<String> named = new HashSet<>();
    for (String path : ALL) {
      if (literal.startsWith(path)) {
        named.add(path);
      }
    }
    return Set.copyOf(named);
  }
}
