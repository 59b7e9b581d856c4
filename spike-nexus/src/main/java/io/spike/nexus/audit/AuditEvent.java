package io.spike.nexus.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What the audit log records of one request. Holds names only: never a secret value, shard,
 * key or password (there is no field for one).
 *
 * @param caller the caller's SPIFFE ID
 * @param route the request path, e.g. {@code /v1/store/secrets}
 * @param action the {@code ?action=} value (empty for the default action)
 * @param path the secret path or policy name/id the request names, if any
 * @param decision {@code "allow"} when the request was let through to the route's work and not
 *     refused by it, {@code "deny"} otherwise
 * @param status the HTTP status sent
 */
public record AuditEvent(String caller, String route, String action, Optional<String> path, String decision,
    int status) {
  public AuditEvent {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(path, "path");
    if (!"allow".equals(decision) && !"deny".equals(decision)) {
      throw new IllegalArgumentException("decision must be allow or deny");
    }
  }
}
