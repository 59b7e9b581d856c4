package io.spike.nexus.secrets;

import static io.spike.nexus.ApiAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.nexus.refusal.Refusal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PathBudgetTest {

  @Test
  void noLimit_neverCounts() {
    AtomicInteger counts = new AtomicInteger();
    PathBudget budget =
        new PathBudget(
            0,
            () -> {
              counts.incrementAndGet();
              return Long.MAX_VALUE;
            },
            System::nanoTime);
    budget.checkNewPath();
    assertThat(counts.get()).isZero();
  }

  @Test
  void farFromTheLimit_countsAtMostOnceASecond_nearIt_everyTime() {
    AtomicLong stored = new AtomicLong(10);
    AtomicInteger counts = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    PathBudget budget =
        new PathBudget(
            100_000,
            () -> {
              counts.incrementAndGet();
              return stored.get();
            },
            clock::get);
    for (int i = 0; i < 100; i++) {
      budget.checkNewPath();
      budget.created();
    }
    assertThat(counts.get()).isEqualTo(1);
    clock.addAndGet(1_000_000_001L);
    budget.checkNewPath();
    assertThat(counts.get()).isEqualTo(2);

    stored.set(100_000 - PathBudget.EXACT_MARGIN);
    clock.addAndGet(1_000_000_001L);
    budget.checkNewPath();
    budget.checkNewPath();
    assertThat(counts.get()).isEqualTo(4);
  }

  @Test
  void atTheLimit_refusesWithLimitReached_namingTheSetting() {
    PathBudget budget = new PathBudget(3, () -> 3, System::nanoTime);
    assertRefusal(
        budget::checkNewPath, Refusal.Kind.LIMIT_REACHED, "SPIKE_NEXUS_MAX_SECRET_PATHS=3");
  }
}
