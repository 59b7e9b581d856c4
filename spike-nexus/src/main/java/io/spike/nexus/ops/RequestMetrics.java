package io.spike.nexus.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spike.server.pipeline.PipelineObserver;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * What the request pipeline reports, as Prometheus meters: {@code
 * spike_http_server_requests_seconds} by route, action and status (unknown routes share the tag
 * value {@code unknown}, so the tags stay bounded) and {@code spike_audit_failures_total}.
 */
public final class RequestMetrics implements PipelineObserver {
  private final MeterRegistry meters;
  private final Counter auditFailures;

  /**
   * Registered timers by route, action and status: a registry lookup per request was 5% of a get.
   */
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  public RequestMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.auditFailures =
        Counter.builder("spike.audit.failures")
            .description("requests refused because an audit line could not be written")
            .register(meters);
  }

  @Override
  public void answered(String route, String action, int status, long nanos) {
    timers
        .computeIfAbsent(
            route + '\n' + action + '\n' + status,
            k ->
                Timer.builder("spike.http.server.requests")
                    .description("API request duration by route, action and status")
                    .tags("route", route, "action", action, "status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(meters))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void auditFailed() {
    auditFailures.increment();
  }
}
