package io.spike.bench;

import java.util.Arrays;
import java.util.List;

/** Wall times of repeated runs of one command, in seconds: median and 90th percentile. */
record Samples(List<Double> seconds) {
  Samples {
    seconds = List.copyOf(seconds);
    if (seconds.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
  }

  double median() {
    return percentile(50);
  }

  double p90() {
    return percentile(90);
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100). */
  double percentile(double p) {
    double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
