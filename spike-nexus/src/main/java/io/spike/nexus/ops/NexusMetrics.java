package io.spike.nexus.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.recovery.KeeperHealth;
import io.spike.store.SpikeStore;
import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/**
 * The Prometheus registry of Nexus: {@code spike_sealed} (1 sealed, 0 unsealed), {@code
 * spike_keepers_reachable}, {@code spike_restore_shards_collected}, {@code spike_secrets} (secret
 * paths in the store), {@code spike_shamir_threshold}, {@code spike_keeper_wrong_shard{keeper}} (1
 * while that keeper holds a wrong shard) and JVM basics; the API handler adds {@code
 * spike_http_server_requests_seconds} and {@code spike_audit_failures_total}. Gauges are read at
 * scrape time. Other parts bind their own meters to {@link #registry()} (the backup scheduler:
 * {@code spike_backup_*}).
 *
 * <p>Every name passes {@code promtool check metrics}: two of Micrometer's processor meters do not
 * ({@code process_cpu_time_ns_total} names an abbreviated unit, {@code system_cpu_count} is a gauge
 * ending in {@code _count}), so the first is replaced by the client libraries' usual {@code
 * process_cpu_seconds_total} and the second is renamed {@code system_cpus}.
 */
public final class NexusMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /**
   * @param restoreShards shards {@code operator restore} holds so far ({@code
   *     spike_restore_shards_collected})
   * @param threshold how many shards recombine the root key ({@code spike_shamir_threshold})
   */
  public NexusMetrics(
      Barrier barrier,
      KeeperHealth keepers,
      SpikeStore store,
      IntSupplier restoreShards,
      int threshold) {
    registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
    registry.config().meterFilter(renamed("system.cpu.count", "system.cpus"));
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("CPU time used by the Nexus process")
          .register(registry);
    }
    Gauge.builder("spike.restore.shards.collected", restoreShards, IntSupplier::getAsInt)
        .description("restore shards collected so far by operator restore")
        .strongReference(true) // the supplier is a lambda only this gauge holds
        .register(registry);
    Gauge.builder("spike.sealed", barrier, b -> b.isSealed() ? 1 : 0)
        .description("1 while nexus is sealed, 0 once it holds the root key")
        .register(registry);
    Gauge.builder("spike.keepers.reachable", keepers, KeeperHealth::reachable)
        .description("keepers that answered the last contact")
        .register(registry);
    Gauge.builder("spike.shamir.threshold", () -> threshold)
        .description("how many recovery shards recombine the root key")
        .strongReference(true)
        .register(registry);
    for (int id : keepers.ids()) {
      Gauge.builder("spike.keeper.wrong.shard", keepers, k -> k.holdsWrongShard(id) ? 1 : 0)
          .description("1 while the keeper holds a shard the shard commitments refuse, else 0")
          .tag("keeper", String.valueOf(id))
          .register(registry);
    }
    Gauge.builder("spike.secrets", store, SpikeStore::secretCount)
        .description("secret paths in the backing store")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  private static MeterFilter renamed(String from, String to) {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().equals(from) ? id.withName(to) : id;
      }
    };
  }

  /** The registry, for parts that keep their own meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
