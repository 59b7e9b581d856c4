package io.spike.server;

import java.util.concurrent.CountDownLatch;

/**
 * How a component's {@code main} ends: it parks until the JVM shuts down (SIGTERM, Ctrl-C), and a
 * shutdown hook runs the component's closing steps first. Nexus and the keeper both end this way.
 */
public final class Shutdown {
  private Shutdown() {}

  /**
   * Blocks the calling thread until the JVM shuts down; the hook thread (named {@code threadName})
   * runs {@code closing} and only then lets the caller return.
   */
  public static void await(String threadName, Runnable closing) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    closing.run();
                  } finally {
                    stopped.countDown();
                  }
                },
                threadName));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
