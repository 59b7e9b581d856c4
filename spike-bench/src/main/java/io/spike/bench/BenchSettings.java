package io.spike.bench;

import java.time.Duration;
import java.util.List;

/**
 * Sizes and durations of one run: the default run (fits in 15 minutes on two cores) or the quick
 * smoke run ({@code --quick}, tiny sizes, seconds). {@code cliCalls}: timed calls of each command
 * in the distribution's CLI rows.
 */
record BenchSettings(
    boolean quick,
    List<Integer> concurrency,
    Duration warmup,
    Duration measure,
    List<Integer> restartSizes,
    List<Integer> snapshotSizes,
    int cliCalls) {

  BenchSettings {
    if (cliCalls < 1) {
      throw new IllegalArgumentException("at least one CLI call");
    }
    concurrency = List.copyOf(concurrency);
    restartSizes = List.copyOf(restartSizes);
    snapshotSizes = List.copyOf(snapshotSizes);
    if (!restartSizes.containsAll(snapshotSizes)) {
      throw new IllegalArgumentException(
          "snapshot sizes reuse the restart stores: each must be a restart size");
    }
  }

  static BenchSettings defaults() {
    return new BenchSettings(
        false,
        List.of(1, 8, 64),
        Duration.ofSeconds(3),
        Duration.ofSeconds(7),
        List.of(10_000, 100_000, 1_000_000),
        List.of(100_000, 1_000_000),
        20);
  }

  static BenchSettings smoke() {
    return new BenchSettings(
        true,
        List.of(1, 8, 64),
        Duration.ofMillis(300),
        Duration.ofMillis(700),
        List.of(1_000, 5_000),
        List.of(5_000),
        3);
  }
}
