package io.spike.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs {@code clients} threads, each calling its own operation in a closed loop (next request as
 * soon as the previous answers), for a warm-up then a measured window; only calls that start and
 * end inside the measured window are recorded. Latencies go to one HdrHistogram per thread
 * (nanoseconds, 3 significant digits), merged at the end.
 */
final class LoadRun {
  /** One client's operation; {@code i} counts that client's calls. */
  interface Operation {
    void call(long i) throws Exception;
  }

  private LoadRun() {}

  static LoadResult run(
      int clients, Duration warmup, Duration measure, IntFunction<Operation> clientFactory) {
    List<Operation> operations = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      operations.add(clientFactory.apply(c));
    }
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureTo = measureFrom + measure.toNanos();
    Histogram total = new Histogram(60_000_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    // What failed, by kind: an error count without its cause explains nothing.
    ConcurrentHashMap<String, AtomicLong> kinds = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(clients);
    List<Histogram> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Histogram histogram = new Histogram(60_000_000_000L, 3);
      perThread.add(histogram);
      Operation op = operations.get(c);
      Thread t =
          new Thread(
              () -> {
                try {
                  long i = 0;
                  while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                      break;
                    }
                    try {
                      op.call(i++);
                    } catch (Exception e) {
                      if (t0 >= measureFrom) {
                        errors.incrementAndGet();
                        kinds.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
                      }
                      continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= measureTo) {
                      histogram.recordValue(
                          Math.min(t1 - t0, histogram.getHighestTrackableValue()));
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    perThread.forEach(total::add);
    if (!kinds.isEmpty()) {
      System.err.println("[bench]     errors by kind: " + new TreeMap<>(kinds));
    }
    return LoadResult.of(total, errors.get(), measure.toNanos() / 1e9);
  }

  private static String kind(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName()
        + " / "
        + root.getClass().getSimpleName()
        + ": "
        + (m.length() > 100 ? m.substring(0, 100) : m);
  }
}
