package io.spike.bench;

import org.HdrHistogram.Histogram;

/** Throughput and latency of one fixed-duration cell. */
record LoadResult(
    long operations, long errors, double seconds, double p50Millis, double p99Millis) {

  static LoadResult of(Histogram histogram, long errors, double seconds) {
    return new LoadResult(
        histogram.getTotalCount(),
        errors,
        seconds,
        histogram.getValueAtPercentile(50) / 1_000_000.0,
        histogram.getValueAtPercentile(99) / 1_000_000.0);
  }

  double opsPerSecond() {
    return seconds == 0 ? 0 : operations / seconds;
  }
}
