package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import io.spike.identity.SpiffeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditStageTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private boolean broken;

  private final AuditTrail trail =
      new AuditTrail() {
        @Override
        public void request(AuditRecord record) {
          if (broken) {
            throw new IllegalStateException("disk full");
          }
          lines.add("request " + record.requestId());
        }

        @Override
        public void outcome(AuditRecord record, Decision decision, int status) {
          if (broken) {
            throw new IllegalStateException("disk full");
          }
          lines.add("outcome " + record.requestId() + " " + decision.wire() + " " + status);
        }
      };

  private final PipelineObserver observer =
      new PipelineObserver() {
        @Override
        public void answered(String route, String action, int status, long nanos) {}

        @Override
        public void auditFailed() {
          failures.incrementAndGet();
        }
      };

  private final AuditStage stage = new AuditStage(trail, observer);

  private static Exchange attributable() {
    Exchange exchange = new Exchange("/v1/store/secrets");
    exchange.route = "/v1/store/secrets";
    exchange.caller = SpiffeId.of("spike.ist", "/web");
    exchange.subject = Optional.of("apps/web/db");
    return exchange;
  }

  @Test
  void allowedRequest_requestThenOutcome_withOneRequestId() {
    Exchange exchange = attributable();
    exchange.allowed = true;
    stage.request(exchange);
    assertThat(stage.outcome(exchange, 200)).isTrue();

    String id = exchange.audited.requestId();
    assertThat(lines).containsExactly("request " + id, "outcome " + id + " allow 200");
  }

  @Test
  void refusedBeforeTheRoute_outcomeOnly_deny() {
    Exchange exchange = attributable();
    assertThat(stage.outcome(exchange, 401)).isTrue();
    assertThat(lines).singleElement().asString().startsWith("outcome ").endsWith(" deny 401");
  }

  @Test
  void rateLimitedAndForbidden_areDenies_evenAfterTheGuard() {
    for (int status : new int[] {401, 403, 429}) {
      Exchange exchange = attributable();
      exchange.allowed = true;
      stage.request(exchange);
      stage.outcome(exchange, status);
    }
    assertThat(lines).filteredOn(l -> l.startsWith("outcome")).allMatch(l -> l.contains(" deny "));
  }

  @Test
  void unattributable_recordsNothing() {
    assertThat(stage.outcome(new Exchange("/nowhere"), 404)).isTrue();
    assertThat(lines).isEmpty();
  }

  @Test
  void requestLineUnwritable_refusesWithAuditUnavailable_andRecordsNoOutcome() {
    broken = true;
    Exchange exchange = attributable();
    assertThatThrownBy(() -> stage.request(exchange))
        .isInstanceOfSatisfying(
            ApiRefusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE));
    assertThat(exchange.audited).isNull();
    assertThat(failures.get()).isEqualTo(1);
    broken = false;
    assertThat(stage.outcome(exchange, 500)).isTrue();
    assertThat(lines).isEmpty();
  }

  @Test
  void outcomeLineUnwritable_isReported() {
    Exchange exchange = attributable();
    exchange.allowed = true;
    stage.request(exchange);
    broken = true;
    assertThat(stage.outcome(exchange, 200)).isFalse();
    assertThat(failures.get()).isEqualTo(1);
  }
}
