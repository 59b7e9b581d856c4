package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.RecordVisitor;
import io.spike.store.RecordingVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.VersionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {

  @TempDir Path dir;

  private SpikeStore store;
  private Path file;

  @BeforeEach
  void snapshotOfManyBatches() {
    store = Stores.open(new StoreConfig.Memory());
    Fixtures.populate(store, 21, 3 * ReadAhead.BATCH + 7); // secrets and versions span batches
    file = dir.resolve("s.snap");
    SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("spike-snapshot-reader") && t.isAlive());
  }

  @Test
  void handsOnTheSameRecordsInTheSameOrder_andTheHeader_asStreamingDirectly() {
    RecordingVisitor direct = new RecordingVisitor();
    SnapshotHeader expected = SnapshotScanner.stream(file, direct);
    RecordingVisitor ahead = new RecordingVisitor();

    SnapshotHeader header = ReadAhead.stream(file, ahead);

    assertThat(header).isEqualTo(expected);
    assertThat(ahead.records()).isEqualTo(direct.records()).isEqualTo(Fixtures.exported(store));
    assertThat(readerAlive()).isFalse();
  }

  @Test
  void aSinkThatFails_stopsTheReader_andItsExceptionPropagatesUnchanged() {
    IllegalStateException broken = new IllegalStateException("insert failed");
    int[] seen = {0};
    RecordVisitor failing =
        new RecordVisitor() {
          @Override
          public void version(VersionRecord record) {
            if (++seen[0] == 10) {
              throw broken;
            }
          }
        };

    assertThatThrownBy(() -> ReadAhead.stream(file, failing)).isSameAs(broken);
    assertThat(readerAlive()).isFalse();
  }

  @Test
  void damageFoundWhileStreaming_reachesTheSinkAfterTheRecordsBeforeIt_asStreamingDirectly()
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Fixtures.Span versions = Fixtures.parse(bytes).span("versions");
    bytes[versions.end() - 40] ^= 0x01; // a ciphertext byte near the end: decodes, digest fails
    Path damaged = dir.resolve("damaged.snap");
    Files.write(damaged, bytes);
    RecordingVisitor direct = new RecordingVisitor();
    Throwable directFailure = catchFailure(() -> SnapshotScanner.stream(damaged, direct));
    RecordingVisitor ahead = new RecordingVisitor();

    Throwable aheadFailure = catchFailure(() -> ReadAhead.stream(damaged, ahead));

    assertThat(aheadFailure)
        .isInstanceOf(SnapshotException.class)
        .hasMessage(directFailure.getMessage());
    assertThat(ahead.records()).isEqualTo(direct.records());
    assertThat(ahead.records()).anyMatch(r -> r instanceof SecretRecord);
    assertThat(readerAlive()).isFalse();
  }

  private static Throwable catchFailure(Runnable run) {
    try {
      run.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }
}
