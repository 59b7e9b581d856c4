package io.spike.server.pipeline;

/**
 * Where the pipeline records each attributable request (route found, caller identified).
 *
 * <p>A request the guard lets through gets a {@link #request} line <em>before</em> its route runs,
 * then an {@link #outcome} line; a request refused before its route (sealed, malformed, guard) gets
 * the outcome line only. Either method returns with the line written or throws; the pipeline then
 * answers 500 {@code audit_unavailable}: a request whose request line failed never runs (fail
 * closed).
 */
public interface AuditTrail {

  /** Records that the request is about to run. */
  void request(AuditRecord record);

  /** Records how the request ended. */
  void outcome(AuditRecord record, Decision decision, int status);

  /** What the outcome line says of a request. */
  enum Decision {
    /** The guard let it through and the route did not refuse it for who asked (401, 403, 429). */
    ALLOW,
    /** Refused: by the guard, the seal, its own form, or the route for who asked or how often. */
    DENY;

    public String wire() {
      return this == ALLOW ? "allow" : "deny";
    }
  }

  /** Records nothing (a keeper; the memory backend in development). */
  static AuditTrail none() {
    return None.INSTANCE;
  }

  /** The do-nothing trail. */
  enum None implements AuditTrail {
    INSTANCE;

    @Override
    public void request(AuditRecord record) {}

    @Override
    public void outcome(AuditRecord record, Decision decision, int status) {}
  }
}
