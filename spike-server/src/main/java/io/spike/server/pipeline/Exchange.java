package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;
import java.util.Optional;

/**
 * What is known of one request as it goes through the pipeline. Each stage fills in its part; one
 * request thread owns it.
 */
final class Exchange {
  static final String UNKNOWN = "unknown";

  final String path;

  /** The route path once found; {@value #UNKNOWN} before (the metrics tag of unknown routes). */
  String route = UNKNOWN;

  String action = "";
  SpiffeId caller;
  Optional<String> subject = Optional.empty();

  /** The audit request line is written: the route may run and its outcome must be recorded. */
  AuditRecord audited;

  /** An audit line of this request could not be written: nothing more is recorded of it. */
  boolean auditFailed;

  /** The guard let the request through. */
  boolean allowed;

  /** The JSON body was read to its end (nothing left to finish before answering). */
  boolean bodyRead;

  Exchange(String path) {
    this.path = path;
  }

  /**
   * {@code <route>?action=<action>} of a found route, safe to log (both come from the route table).
   */
  String where() {
    return route.equals(UNKNOWN) ? UNKNOWN : route + "?action=" + action;
  }

  /** Whether the request is attributable: its route is known and its caller identified. */
  boolean attributable() {
    return caller != null && !route.equals(UNKNOWN);
  }
}
