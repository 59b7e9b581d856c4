package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 6 and 8: the audit request line, written after the guard and before the route runs, and
 * the outcome line once the answer is known (before any byte of it leaves). A request line that
 * cannot be written stops the request there: 500 {@code audit_unavailable}, the route never runs,
 * {@link PipelineObserver#auditFailed} counts it. An outcome line that cannot be written turns the
 * answer into the same 500 (the change may have happened; its request line is in the log).
 */
final class AuditStage {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStage.class);
  static final String UNAVAILABLE = "audit log unavailable; the request was not carried out";
  static final String OUTCOME_LOST =
      "audit log unavailable; the outcome of this request could not be recorded";

  private final AuditTrail trail;
  private final PipelineObserver observer;

  AuditStage(AuditTrail trail, PipelineObserver observer) {
    this.trail = trail;
    this.observer = observer;
  }

  /** Writes the request line; throws 500 {@code audit_unavailable} when it cannot. */
  void request(Exchange exchange) {
    AuditRecord record = record(exchange);
    try {
      trail.request(record);
    } catch (RuntimeException e) {
      failed(exchange, e);
      throw new ApiRefusal(ErrorCode.AUDIT_UNAVAILABLE, UNAVAILABLE);
    }
    exchange.audited = record;
  }

  /**
   * Writes the outcome line of an attributable request whose request line, if it needed one, was
   * written; false when that failed.
   */
  boolean outcome(Exchange exchange, int status) {
    if (!exchange.attributable() || exchange.auditFailed) {
      return true;
    }
    AuditRecord record = exchange.audited != null ? exchange.audited : record(exchange);
    boolean allowed = exchange.allowed && status != 401 && status != 403 && status != 429;
    try {
      trail.outcome(record, allowed ? AuditTrail.Decision.ALLOW : AuditTrail.Decision.DENY, status);
      return true;
    } catch (RuntimeException e) {
      failed(exchange, e);
      return false;
    }
  }

  private void failed(Exchange exchange, RuntimeException e) {
    exchange.auditFailed = true;
    observer.auditFailed();
    LOG.error("{}: audit line not written, request refused: {}", exchange.where(), e.getMessage());
  }

  private static AuditRecord record(Exchange exchange) {
    return new AuditRecord(
        UUID.randomUUID().toString(),
        exchange.caller,
        exchange.route,
        exchange.action,
        exchange.subject);
  }
}
