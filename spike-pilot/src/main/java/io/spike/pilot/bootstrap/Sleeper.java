package io.spike.pilot.bootstrap;

import java.time.Duration;

/** Waits between attempts; tests pass one that only records. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
