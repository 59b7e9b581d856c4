package io.spike.nexus.audit;

import io.spike.api.wire.StatusResponse;
import java.util.Optional;

/**
 * Where {@link io.spike.nexus.http.ApiHandler} records each request that reached authorization,
 * before the response is sent. {@link #record} either returns with the line written (to the OS,
 * see {@link FileAuditLog}) or throws {@link AuditException}, and then the caller must not send
 * the route's response (fail closed).
 */
public interface AuditLog extends AutoCloseable {

  /**
   * Appends one line.
   *
   * @throws AuditException when the line cannot be written
   */
  void record(AuditEvent event);

  /** Lines written so far and the newest line's hash; empty when auditing is off. */
  Optional<StatusResponse.Audit> head();

  @Override
  void close();

  /** Auditing off (the memory backend without {@code SPIKE_NEXUS_AUDIT_LOG}): records nothing. */
  static AuditLog disabled() {
    return Disabled.INSTANCE;
  }

  /** The do-nothing log. */
  enum Disabled implements AuditLog {
    INSTANCE;

    @Override
    public void record(AuditEvent event) {}

    @Override
    public Optional<StatusResponse.Audit> head() {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }
}
