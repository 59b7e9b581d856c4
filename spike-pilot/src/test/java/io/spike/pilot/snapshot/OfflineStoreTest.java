package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.store.StoreConfig;
import io.spike.store.StoreLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineStoreTest {
  @TempDir Path dir;

  @Test
  void parse_badSpec_isUsage() {
    assertThatThrownBy(() -> OfflineStore.parse("oracle:x"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--store oracle:x: ");
  }

  @Test
  void label_masksPostgresPasswords() {
    assertThat(
            OfflineStore.label(
                OfflineStore.parse("postgres:jdbc:postgresql://db/s?user=u&password=hunter2")))
        .startsWith("postgres:jdbc:postgresql://db/s")
        .doesNotContain("hunter2");
  }

  @Test
  void open_sqlite_holdsTheLockUntilClosed() {
    StoreConfig config = new StoreConfig.Sqlite(dir.resolve("d").resolve("spike.db"));

    try (OfflineStore opened = OfflineStore.open(config, true, "x")) {
      assertThat(opened.store().isEmpty()).isTrue();
      assertThat(StoreLock.tryAcquire(dir.resolve("d"))).isEmpty();
      assertThatThrownBy(() -> OfflineStore.open(config, true, "stop it"))
          .isInstanceOf(CliFailure.class)
          .hasMessageEndingWith("; stop it");
    }
    StoreLock.tryAcquire(dir.resolve("d")).orElseThrow().close();
  }

  @Test
  void open_missingSqlite_withoutCreate_fails() {
    assertThatThrownBy(
            () -> OfflineStore.open(new StoreConfig.Sqlite(dir.resolve("spike.db")), false, "x"))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("no SPIKE store at ");
  }
}
