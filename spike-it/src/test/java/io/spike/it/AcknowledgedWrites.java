package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The record of writes Nexus acknowledged, kept by writer threads that put one new secret after
 * another until told to stop or until Nexus is gone; and the check, after a restore, that what came
 * back is every write acknowledged before a given moment.
 */
final class AcknowledgedWrites {
  /** One write: its path and value, when it was sent and when Nexus acknowledged it. */
  record Write(String path, String value, Instant sent, Instant acked) {}

  /** What a restore brought back of the acknowledged writes. */
  record Recovered(int acknowledged, List<Write> missing, Duration rpo) {}

  private final List<Write> writes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> writers = new ArrayList<>();

  /** Starts a writer putting {@code <prefix><n>} through {@code via}, one every 20 ms or so. */
  void start(NexusClient via, String prefix) {
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                String path = prefix + i;
                String value = prefix + "=" + i;
                Instant sent = Instant.now();
                try {
                  via.putSecret(path, Map.of("v", value));
                } catch (RuntimeException e) {
                  return; // Nexus is gone: this write was never acknowledged
                }
                writes.add(new Write(path, value, sent, Instant.now()));
                sleep(Duration.ofMillis(20));
              }
            },
            "writer-" + prefix);
    writer.start();
    writers.add(writer);
  }

  /** Stops every writer and waits for it. */
  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread writer : writers) {
      writer.join(30_000);
    }
  }

  List<Write> all() {
    return List.copyOf(writes);
  }

  /**
   * Asserts that every write acknowledged before {@code promised} reads back through {@code su},
   * and measures the RPO: from the first acknowledged write that did not come back to {@code
   * lossAt} (zero when all came back).
   */
  Recovered assertBackUntil(NexusClient su, Instant promised, Instant lossAt) {
    List<Write> missing = new ArrayList<>();
    for (Write w : writes) {
      if (!exists(su, w)) {
        missing.add(w);
      }
    }
    for (Write w : missing) {
      assertThat(w.acked())
          .as("%s acknowledged at %s is lost (loss at %s)", w.path(), w.acked(), lossAt)
          .isAfter(promised);
    }
    Duration rpo =
        missing.stream()
            .map(Write::acked)
            .min(Comparator.naturalOrder())
            .map(first -> Duration.between(first, lossAt))
            .orElse(Duration.ZERO);
    return new Recovered(writes.size(), missing, rpo);
  }

  /** Whether the write reads back with its value (false when the path is unknown). */
  static boolean exists(NexusClient su, Write w) {
    try {
      return w.value().equals(su.getSecret(w.path(), 0).data().get("v"));
    } catch (ApiException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
