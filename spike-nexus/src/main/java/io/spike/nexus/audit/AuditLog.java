package io.spike.nexus.audit;

import io.spike.api.wire.StatusResponse;
import io.spike.server.pipeline.AuditRecord;
import io.spike.server.pipeline.AuditTrail;
import java.util.Optional;

/**
 * The audit trail of Nexus: the request pipeline writes each attributable request's request line
 * before its route runs and its outcome line before the answer leaves. Each method either returns
 * with the line written (to the OS, see {@link FileAuditLog}) or throws {@link AuditException}, and
 * then the pipeline refuses the request (fail closed).
 */
public interface AuditLog extends AuditTrail, AutoCloseable {

  /** Lines written so far and the newest line's hash; empty when auditing is off. */
  Optional<StatusResponse.Audit> head();

  /** The anchor as the store records it for this log; empty when auditing is off. */
  Optional<StatusResponse.Audit> anchor();

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
    public void request(AuditRecord record) {}

    @Override
    public void outcome(AuditRecord record, Decision decision, int status) {}

    @Override
    public Optional<StatusResponse.Audit> head() {
      return Optional.empty();
    }

    @Override
    public Optional<StatusResponse.Audit> anchor() {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }
}
