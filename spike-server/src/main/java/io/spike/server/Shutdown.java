package io.spike.server;

import java.util.concurrent.CountDownLatch;

/**
 * How a component's {@code main} ends: {@link #onTerm} registers the closing steps as a JVM
 * shutdown hook (SIGTERM, Ctrl-C), and {@link #await} parks the main thread until they have run.
 * Nexus and the keeper both end this way.
 */
public final class Shutdown {
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown() {}

  /**
   * Registers {@code closing} to run on a hook thread named {@code threadName} when the JVM shuts
   * down; from the moment this returns, a SIGTERM runs it.
   */
  public static Shutdown onTerm(String threadName, Runnable closing) {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    closing.run();
                  } finally {
                    shutdown.stopped.countDown();
                  }
                },
                threadName));
    return shutdown;
  }

  /** Blocks until the closing steps have run (or the thread is interrupted). */
  public void await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
