package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

  @Test
  void aRunThatThrows_goesToOnCrash_andTheScheduleGoesOn_onItsOwnDaemonThread()
      throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch three = new CountDownLatch(3);
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Throwable> crashes = new CopyOnWriteArrayList<>();
    try (Periodic periodic =
        new Periodic(
            "periodic-test",
            Duration.ofMillis(20),
            () -> {
              threads.add(
                  Thread.currentThread().getName()
                      + " daemon="
                      + Thread.currentThread().isDaemon());
              three.countDown();
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
              }
            },
            crashes::add)) {
      periodic.start();

      assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(crashes).extracting(Throwable::getMessage).containsExactly("first run fails");
    assertThat(threads).first().isEqualTo("periodic-test daemon=true");
  }

  @Test
  void nothingRunsBeforeOneInterval_andNothingAfterClose() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    Periodic periodic =
        new Periodic("periodic-test", Duration.ofMillis(300), runs::incrementAndGet, e -> {});
    periodic.start();
    Thread.sleep(100);
    assertThat(runs).hasValue(0);

    periodic.close();
    Thread.sleep(400);

    assertThat(runs).hasValue(0);
    periodic.close();
  }

  @Test
  void startingTwice_isRefused() {
    try (Periodic periodic =
        new Periodic("periodic-test", Duration.ofHours(1), () -> {}, e -> {})) {
      periodic.start();

      assertThatThrownBy(periodic::start).isInstanceOf(IllegalStateException.class);
    }
  }
}
