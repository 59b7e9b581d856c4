package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.store.PolicyRecord;
import io.spike.store.SecretRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreContents;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.TestPostgres;
import io.spike.store.VersionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot written by the format-1 writer before format 2 existed (resource {@code
 * snapshot/v1-fixture.snap}, signed with the HMAC key derived from a test-only root key whose
 * shards are in {@code snapshot/v1-fixture-shards}; the derived key is in {@code
 * v1-fixture.hmac-key}) still inspects, verifies and restores into SQLite and PostgreSQL. The CLI's
 * offline verify, which decrypts every record, is tested on the same file in spike-pilot.
 */
class SnapshotV1FixtureTest {

  /** SHA-256 of the fixture: it is never regenerated, it is what the old writer wrote. */
  private static final String FIXTURE_SHA256 =
      "190ca7f2aa4a36f9e7167c1cba69b409ed7e49a2481162e2a8d33c4dec479a7b";

  @TempDir Path dir;

  /** The fixture copied to the temporary directory (restore and inspect take a path). */
  static Path copy(Path dir) {
    Path file = dir.resolve("v1.snap");
    try (InputStream in = resource("v1-fixture.snap")) {
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hmacKey() {
    try (InputStream in = resource("v1-fixture.hmac-key")) {
      return HexFormat.of()
          .parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = SnapshotV1FixtureTest.class.getResourceAsStream("/snapshot/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource snapshot/" + name);
    }
    return in;
  }

  @Test
  void fixture_isTheFormat1FileAsWritten() throws IOException {
    byte[] bytes = Files.readAllBytes(copy(dir));

    assertThat(HexFormat.of().formatHex(Fixtures.sha256(bytes))).isEqualTo(FIXTURE_SHA256);
    assertThat(bytes[8]).isZero();
    assertThat(bytes[9]).isEqualTo((byte) 1);
  }

  @Test
  void inspect_format1_isOk_withTheHeaderAsWritten() {
    InspectReport report = SnapshotReader.inspect(copy(dir));

    assertThat(report.ok()).isTrue();
    SnapshotHeader header = report.header().orElseThrow();
    assertThat(header.formatVersion()).isEqualTo(1);
    assertThat(header.created()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    assertThat(header.backend()).isEqualTo("sqlite");
    assertThat(header.signed()).isTrue();
    assertThat(header.keyringTerms()).containsExactly(1);
    assertThat(header.counts()).isEqualTo(new SnapshotCounts(3, 7, 2, 2));
    assertThat(report.sectionDigests())
        .containsOnlyKeys("header", "system", "secrets", "versions", "policies", "end");
    assertThat(report.fileDigest()).hasSize(64);
  }

  @Test
  void verifyHmac_format1_acceptsItsKeyOnly() {
    Path file = copy(dir);

    assertThat(SnapshotReader.verifyHmac(file, hmacKey())).isTrue();
    assertThat(SnapshotReader.verifyHmac(file, Fixtures.OTHER_KEY)).isFalse();
  }

  @Test
  void read_format1_recordsMatchTheSectionDigests_readIndependently() {
    Path file = copy(dir);
    InspectReport report = SnapshotReader.inspect(file);
    try (SpikeStore memory = Stores.open(new StoreConfig.Memory())) {
      memory.importAll(sink -> SnapshotReader.read(file, SnapshotVisitor.forwardingTo(sink)));
      StoreContents contents = Fixtures.contents(memory);

      assertThat(contents.secrets())
          .extracting(SecretRecord::path)
          .containsExactly("apps/api/key", "apps/web/db", "ops/é/token");
      assertThat(contents.versions())
          .extracting(v -> v.path() + "|" + v.version())
          .containsExactly(
              "apps/api/key|1",
              "apps/web/db|1",
              "apps/web/db|2",
              "apps/web/db|3",
              "ops/é/token|1",
              "ops/é/token|3",
              "ops/é/token|4");
      assertThat(contents.policies())
          .extracting(PolicyRecord::name)
          .containsExactly("ops-admin", "web");
      assertThat(contents.system()).containsOnlyKeys(SystemKey.KEYRING, SystemKey.KEY_CHECK);
      // the records, encoded from the spec, are the bytes the section digests cover
      assertThat(hex(encodeSecrets(contents.secrets())))
          .isEqualTo(report.sectionDigests().get("secrets"));
      assertThat(hex(encodeVersions(contents.versions())))
          .isEqualTo(report.sectionDigests().get("versions"));
      assertThat(hex(encodePolicies(contents.policies())))
          .isEqualTo(report.sectionDigests().get("policies"));
    }
  }

  @Test
  void restore_format1_intoSqliteAndPostgres_loadsEveryRecord() {
    Path file = copy(dir);
    StoreContents expected;
    try (SpikeStore memory = Stores.open(new StoreConfig.Memory())) {
      memory.importAll(sink -> SnapshotReader.read(file, SnapshotVisitor.forwardingTo(sink)));
      expected = Fixtures.contents(memory);
    }
    List<Supplier<SpikeStore>> targets =
        List.of(
            () -> Stores.open(new StoreConfig.Sqlite(dir.resolve("sqlite").resolve("spike.db"))),
            () -> Stores.open(new StoreConfig.Postgres(TestPostgres.newDatabaseUrl())));
    for (Supplier<SpikeStore> target : targets) {
      try (SpikeStore store = target.get()) {
        SnapshotCounts counts = SnapshotRestorer.restore(file, store, false);

        assertThat(counts).isEqualTo(new SnapshotCounts(3, 7, 2, 2));
        assertThat(Fixtures.contents(store)).as(store.backend()).isEqualTo(expected);
      }
    }
  }

  private static String hex(byte[] payload) {
    return HexFormat.of().formatHex(Fixtures.sha256(payload));
  }

  private static byte[] encodeSecrets(List<SecretRecord> records) {
    List<byte[]> parts = new ArrayList<>();
    records.forEach(r -> parts.add(Fixtures.secretRecord(r.path(), r.revision(), r.metadata())));
    return Fixtures.concat(parts.toArray(byte[][]::new));
  }

  private static byte[] encodeVersions(List<VersionRecord> records) {
    List<byte[]> parts = new ArrayList<>();
    records.forEach(r -> parts.add(Fixtures.versionRecord(r.path(), r.version(), r.ciphertext())));
    return Fixtures.concat(parts.toArray(byte[][]::new));
  }

  private static byte[] encodePolicies(List<PolicyRecord> records) {
    List<byte[]> parts = new ArrayList<>();
    records.forEach(r -> parts.add(Fixtures.policyRecord(r.name(), r.ciphertext())));
    return Fixtures.concat(parts.toArray(byte[][]::new));
  }
}
