package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real SQLite file: shared transactions, and a failing work undone alone. */
class SqliteGroupCommitTest {
  @TempDir Path dir;
  private SqliteBackend backend;
  private ExecutorService threads;

  @BeforeEach
  void open() {
    backend = SqliteBackend.open(dir.resolve("spike.db"));
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    backend.close();
  }

  private JdbcBackend.Work<Integer> insert(String name) {
    return c ->
        Sql.update(
            c,
            "INSERT INTO policies (name, ciphertext) VALUES (?, ?)",
            name,
            name.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> names() throws SQLException {
    return backend.read(
        c -> Sql.query(c, "SELECT name FROM policies ORDER BY name", rs -> rs.getString(1)));
  }

  private void awaitQueued(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (backend.queued() < n) {
      assertThat(System.nanoTime()).as("writers queued").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void writersWaitingTogether_shareOneTransaction_andAFailingWorkIsUndoneAlone() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first =
        threads.submit(
            () ->
                backend.write(
                    c -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      return insert("a-first").run(c);
                    }));
    inside.await();
    List<Future<Integer>> waiting = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      waiting.add(
          threads.submit(() -> backend.write(insert("b-" + Thread.currentThread().getId()))));
    }
    Future<Integer> failing =
        threads.submit(
            () ->
                backend.write(
                    c -> {
                      insert("c-undone").run(c);
                      throw new IllegalStateException("refused after writing");
                    }));
    Future<Integer> badSql =
        threads.submit(() -> backend.write(c -> Sql.update(c, "INSERT INTO nowhere VALUES (1)")));
    awaitQueued(6);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    for (Future<Integer> f : waiting) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> badSql.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SQLException.class);
    assertThat(backend.largestGroup()).isEqualTo(6);
    assertThat(names())
        .hasSize(5)
        .contains("a-first")
        .doesNotContain("c-undone")
        .allMatch(n -> n.startsWith("a-") || n.startsWith("b-"));
  }

  @Test
  void aloneFailingWork_rollsBackItsWholeTransaction() throws Exception {
    assertThatThrownBy(
            () ->
                backend.write(
                    c -> {
                      insert("x").run(c);
                      throw new SQLException("boom");
                    }))
        .isInstanceOf(SQLException.class)
        .hasMessage("boom");
    assertThat(backend.largestGroup()).isEqualTo(1);
    assertThat(names()).isEmpty();
    assertThat(backend.write(insert("y"))).isEqualTo(1);
    assertThat(names()).containsExactly("y");
  }

  /** Seeded: many writers at once, every acknowledged insert is there, every refused one is not. */
  @Test
  void manyWriters_everyAcknowledgedWriteIsStored() throws Exception {
    Random random = new Random(20261122L);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      String name = String.format("p%04d", i);
      boolean refuse = random.nextInt(10) == 0;
      results.add(
          threads.submit(
              () -> {
                try {
                  backend.write(
                      c -> {
                        insert(name).run(c);
                        if (refuse) {
                          throw new IllegalArgumentException("refused");
                        }
                        return 1;
                      });
                  return name;
                } catch (IllegalArgumentException refused) {
                  return null;
                }
              }));
    }
    List<String> acknowledged = new ArrayList<>();
    for (Future<String> f : results) {
      String name = f.get(30, TimeUnit.SECONDS);
      if (name != null) {
        acknowledged.add(name);
      }
    }
    assertThat(names()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(acknowledged.size()).isBetween(600, 799);
  }
}
