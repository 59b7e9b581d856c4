package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the audit log records of one request. Holds names only: never a secret value, shard, key or
 * password (there is no field for one).
 *
 * @param requestId random, the same on the request and the outcome line of one request
 * @param caller the caller's SPIFFE ID
 * @param route the request path, e.g. {@code /v1/store/secrets}
 * @param action the {@code ?action=} value (empty for the default action)
 * @param subject the secret path or policy name the request names, in full, if any
 */
public record AuditRecord(
    String requestId, SpiffeId caller, String route, String action, Optional<String> subject) {
  public AuditRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
  }
}
