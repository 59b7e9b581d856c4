package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.PolicyRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreContents;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.TestPostgres;
import io.spike.store.VersionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRestorerTest {

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path snapshot(SpikeStore store, String name) {
    Path file = dir.resolve(name);
    SnapshotWriter.writeFile(store, file, Fixtures.signed(store.backend()));
    return file;
  }

  private SpikeStore sqlite(String name) {
    return Stores.open(new StoreConfig.Sqlite(dir.resolve(name).resolve("spike.db")));
  }

  /** Fills {@code source} from {@code seed} and writes its signed snapshot {@code s.snap}. */
  private Path populatedSnapshot(SpikeStore source, long seed, int secrets) {
    Fixtures.populate(source, seed, secrets);
    return snapshot(source, "s.snap");
  }

  @Test
  void roundTrip_memorySqlitePostgresSqlite_keepsEveryRecordByteForByte() {
    List<SpikeStore> stores = new ArrayList<>();
    try {
      stores.add(Stores.open(new StoreConfig.Memory()));
      stores.add(sqlite("first"));
      stores.add(Stores.open(new StoreConfig.Postgres(TestPostgres.newDatabaseUrl())));
      stores.add(sqlite("second"));
      Fixtures.populate(stores.get(0), 42, 40);
      StoreContents original = Fixtures.contents(stores.get(0));
      List<InspectReport> reports = new ArrayList<>();

      for (int i = 1; i < stores.size(); i++) {
        Path file = snapshot(stores.get(i - 1), "hop-" + i + ".snap");
        reports.add(SnapshotReader.inspect(file));

        SnapshotCounts counts = SnapshotRestorer.restore(file, stores.get(i), false);

        assertThat(counts).isEqualTo(reports.get(i - 1).header().orElseThrow().counts());
        assertThat(Fixtures.contents(stores.get(i)))
            .as(stores.get(i).backend())
            .isEqualTo(original);
      }
      reports.add(SnapshotReader.inspect(snapshot(stores.get(3), "last.snap")));
      // one data set, one byte sequence for its records, whatever the backend
      for (InspectReport report : reports) {
        assertThat(report.ok()).isTrue();
        for (String section : List.of("system", "secrets", "versions", "policies", "end")) {
          assertThat(report.sectionDigests().get(section))
              .isEqualTo(reports.get(0).sectionDigests().get(section));
        }
      }
      assertThat(reports)
          .extracting(r -> r.header().orElseThrow().backend())
          .containsExactly("memory", "sqlite", "postgres", "sqlite");
    } finally {
      stores.forEach(SpikeStore::close);
    }
  }

  @Test
  void restore_bringsTheKeyringAndKeyCheck_andEverySystemRecord() {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore target = sqlite("target")) {
      Path file = populatedSnapshot(source, 9, 3);

      SnapshotRestorer.restore(file, target, false);

      for (SystemKey key : SystemKey.values()) {
        assertThat(target.system(key))
            .as(key.id())
            .hasValueSatisfying(v -> assertThat(v).isEqualTo(source.system(key).orElseThrow()));
      }
      assertThat(SnapshotReader.inspect(file).header().orElseThrow().keyCheck())
          .isEqualTo(target.system(SystemKey.KEY_CHECK).orElseThrow());
    }
  }

  @Test
  void restore_intoNonEmptyStore_refusesWithoutForce_andChangesNothing() {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore target = sqlite("target")) {
      Path file = populatedSnapshot(source, 1, 3);
      target.putPolicy(new PolicyRecord("existing", b("x")));
      StoreContents before = Fixtures.contents(target);

      assertThatThrownBy(() -> SnapshotRestorer.restore(file, target, false))
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("not empty");

      assertThat(Fixtures.contents(target)).isEqualTo(before);
    }
  }

  @Test
  void restore_ofDamagedFile_intoNonEmptyStore_reportsTheDamage_asWhenTheCheckRanFirst()
      throws IOException {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore target = sqlite("target")) {
      Path file = populatedSnapshot(source, 4, 3);
      byte[] bytes = Files.readAllBytes(file);
      Fixtures.Span secrets = Fixtures.parse(bytes).span("secrets");
      bytes[secrets.end() - 1] ^= 0x01; // the secrets digest
      Files.write(file, bytes);
      target.putPolicy(new PolicyRecord("existing", b("x")));
      StoreContents before = Fixtures.contents(target);

      assertThatThrownBy(() -> SnapshotRestorer.restore(file, target, false))
          .isInstanceOf(SnapshotException.class)
          .hasMessageStartingWith("snapshot damaged in section 'secrets'");

      assertThat(Fixtures.contents(target)).isEqualTo(before);
    }
  }

  @Test
  void restore_ofAMissingFile_failsAndWritesNothing() {
    try (SpikeStore target = sqlite("target")) {
      assertThatThrownBy(
              () -> SnapshotRestorer.restore(Path.of("/nonexistent/x.snap"), target, false))
          .isInstanceOf(SnapshotException.class);
      assertThat(target.isEmpty()).isTrue();
    }
  }

  @Test
  void restore_withForce_replacesWhatWasThere() {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore target = sqlite("target")) {
      Path file = populatedSnapshot(source, 2, 5);
      target.writeSecret(
          new SecretWrite(
              "stale", 0, b("m"), List.of(new VersionRecord("stale", 1, b("c"))), List.of()));
      target.putSystem(Map.of(SystemKey.KEY_CHECK, b("other key")));
      long generation = target.policyGeneration();

      SnapshotCounts counts = SnapshotRestorer.restore(file, target, true);

      assertThat(Fixtures.contents(target)).isEqualTo(Fixtures.contents(source));
      assertThat(counts.secrets()).isEqualTo(5);
      assertThat(target.policyGeneration()).isGreaterThan(generation);
    }
  }

  @Test
  void restore_ofDamagedFile_namesTheSection_andWritesNothing_evenWithForce() throws IOException {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore empty = sqlite("empty");
        SpikeStore full = sqlite("full")) {
      Path file = populatedSnapshot(source, 3, 4);
      byte[] bytes = Files.readAllBytes(file);
      Fixtures.Span versions = Fixtures.parse(bytes).span("versions");
      bytes[versions.end() - 1] ^= 0x01; // the versions digest
      Files.write(file, bytes);
      full.putPolicy(new PolicyRecord("keep", b("me")));
      StoreContents before = Fixtures.contents(full);

      assertThatThrownBy(() -> SnapshotRestorer.restore(file, empty, false))
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("'versions'");
      assertThatThrownBy(() -> SnapshotRestorer.restore(file, full, true))
          .isInstanceOf(SnapshotException.class)
          .satisfies(e -> assertThat(((SnapshotException) e).section()).contains("versions"));

      assertThat(empty.isEmpty()).isTrue();
      assertThat(Fixtures.contents(full)).isEqualTo(before);
    }
  }

  @Test
  void restore_ofATruncatedFile_writesNothing() throws IOException {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory());
        SpikeStore target = Stores.open(new StoreConfig.Memory())) {
      Path file = populatedSnapshot(source, 4, 4);
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

      assertThatThrownBy(() -> SnapshotRestorer.restore(file, target, false))
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("'trailer'")
          .hasMessageContaining("truncated");

      assertThat(target.isEmpty()).isTrue();
    }
  }
}
