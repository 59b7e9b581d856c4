package io.spike.pilot.bootstrap;

import io.spike.pilot.cli.CliFailure;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Runs a call until it succeeds, fails for good, or the {@link RetryPolicy} runs out. */
final class Retry {
  private final Sleeper sleeper;

  Retry(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /**
   * The first result of {@code call}. A failure that {@code transientFailure} accepts is retried
   * after the policy's wait; any other failure, or the last attempt's, is rethrown.
   */
  <T> T run(RetryPolicy policy, Supplier<T> call, Predicate<RuntimeException> transientFailure) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= policy.maxAttempts() || !transientFailure.test(e)) {
          throw e;
        }
      }
      try {
        sleeper.sleep(policy.delayAfter(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure("interrupted while waiting to retry");
      }
    }
  }
}
