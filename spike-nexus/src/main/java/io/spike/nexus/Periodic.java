package io.spike.nexus;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One task run on its own daemon thread every {@code interval}, the first run one interval after
 * {@link #start}; a run that throws is handed to {@code onCrash} and the schedule goes on (an
 * exception escaping a scheduled task would cancel it for good). {@link #close} lets a run under
 * way finish (up to 10 s).
 */
public final class Periodic implements AutoCloseable {
  private final String threadName;
  private final Duration interval;
  private final Runnable task;
  private final Consumer<Throwable> onCrash;
  private ScheduledExecutorService executor;

  public Periodic(
      String threadName, Duration interval, Runnable task, Consumer<Throwable> onCrash) {
    this.threadName = threadName;
    this.interval = interval;
    this.task = task;
    this.onCrash = onCrash;
  }

  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("already started");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    long every = interval.toMillis();
    executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      task.run();
    } catch (Throwable unexpected) {
      onCrash.accept(unexpected);
    }
  }

  /** Stops the schedule; idempotent, and a no-op when never started. */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }
}
