package io.spike.store.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.spike.store.PolicyRecord;
import io.spike.store.SecretRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.Fixtures.Layout;
import io.spike.store.snapshot.Fixtures.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {

  @TempDir Path dir;

  private SpikeStore store;

  @BeforeEach
  void open() {
    store = Stores.open(new StoreConfig.Memory());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // --- what is written ---

  @Test
  void write_recoveryFromOptions_isInTheHeader() {
    SnapshotRecovery recovery = new SnapshotRecovery(2, 3, "3f2a-91c0-0000-ffff");

    SnapshotHeader header =
        SnapshotWriter.write(
            store, new ByteArrayOutputStream(), Fixtures.unsigned("memory").withRecovery(recovery));

    assertThat(header.recovery()).contains(recovery);
    assertThat(
            SnapshotWriter.write(store, new ByteArrayOutputStream(), Fixtures.unsigned("memory"))
                .recovery())
        .isEmpty();
  }

  @Test
  void write_returnsTheHeader_countsKeyCheckTermsAndSigned() {
    Fixtures.populate(store, 1, 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotHeader header = SnapshotWriter.write(store, out, Fixtures.signed("memory"));

    assertThat(header.formatVersion()).isEqualTo(SnapshotHeader.FORMAT_VERSION);
    assertThat(header.created()).isEqualTo(Fixtures.CREATED);
    assertThat(header.backend()).isEqualTo("memory");
    assertThat(header.keyringTerms()).containsExactly(1, 2);
    assertThat(header.keyCheck()).isEqualTo(store.system(SystemKey.KEY_CHECK).orElseThrow());
    assertThat(header.signed()).isTrue();
    assertThat(header.counts().secrets()).isEqualTo(6);
    assertThat(header.counts().system()).isEqualTo(SystemKey.values().length);
    assertThat(header.counts().total()).isEqualTo(Fixtures.exported(store).size());
  }

  @Test
  void write_recordsTheChangeLogPositionOfItsView_readBackByInspect() throws IOException {
    Fixtures.populate(store, 1, 3);
    Path file = dir.resolve("s.snap");

    SnapshotHeader header = SnapshotWriter.writeFile(store, file, Fixtures.unsigned("memory"));

    assertThat(header.changeLog()).contains(store.changeLog());
    assertThat(store.changeLog().lastSeq()).isPositive();
    assertThat(SnapshotReader.inspect(file).header().orElseThrow().changeLog())
        .contains(store.changeLog());
  }

  @Test
  void write_ofAStoreWithoutKeyCheck_hasAnEmptyKeyCheck() {
    store.writeSecret(
        new SecretWrite("p", 0, b("m"), List.of(new VersionRecord("p", 1, b("c"))), List.of()));

    SnapshotHeader header =
        SnapshotWriter.write(store, new ByteArrayOutputStream(), Fixtures.unsigned("memory"));

    assertThat(header.keyCheck()).isEmpty();
    assertThat(header.counts()).isEqualTo(new SnapshotCounts(1, 1, 0, 0));
    assertThat(header.signed()).isFalse();
  }

  @Test
  void write_layoutFollowsTheSpec_recordForRecord() {
    store.putSystem(Map.of(SystemKey.KEY_CHECK, b("kc"), SystemKey.KEYRING, b("ring")));
    store.writeSecret(
        new SecretWrite(
            "a/b",
            0,
            b("meta"),
            List.of(new VersionRecord("a/b", 2, b("v2")), new VersionRecord("a/b", 7, b("v7"))),
            List.of()));
    store.putPolicy(new PolicyRecord("ops", b("pol")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotWriter.write(store, out, Fixtures.signed("memory"));

    byte[] file = out.toByteArray();
    Layout layout = Fixtures.parse(file);
    assertThat(layout.parts()).extracting(Part::type).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(layout.parts())
        .extracting(Part::name)
        .containsExactly("header", "system", "secrets", "versions", "policies", "end");
    assertThat(layout.part("system").payload())
        .isEqualTo(
            Fixtures.concat(
                Fixtures.systemRecord("key-check", b("kc")),
                Fixtures.systemRecord("keyring", b("ring"))));
    assertThat(layout.part("secrets").payload())
        .isEqualTo(Fixtures.secretRecord("a/b", 1, b("meta")));
    assertThat(layout.part("versions").payload())
        .isEqualTo(
            Fixtures.concat(
                Fixtures.versionRecord("a/b", 2, b("v2")),
                Fixtures.versionRecord("a/b", 7, b("v7"))));
    assertThat(layout.part("policies").payload()).isEqualTo(Fixtures.policyRecord("ops", b("pol")));
    assertThat(layout.part("end").payload()).isEmpty();
    assertThat(new String(layout.part("header").payload(), UTF_8))
        .contains(
            "\"formatVersion\":2",
            "\"created\":\"2026-11-21T22:30:00Z\"",
            "\"backend\":\"memory\"",
            "\"keyringTerms\":[1,2]",
            "\"signed\":true",
            "\"keyCheck\":\"a2M=\"",
            "\"secrets\":1",
            "\"versions\":2",
            "\"policies\":1",
            "\"system\":2");
    // the independent encoder, given the same parts, produces the same file
    assertThat(Fixtures.build(layout.parts(), Fixtures.HMAC_KEY)).isEqualTo(file);
  }

  // --- a file written in place (no scratch files) ---

  @Test
  void writeFile_inPlace_holdsTheSameSectionsAsTheStream_andTheIndependentEncoderAgrees()
      throws IOException {
    Fixtures.populate(store, 11, 40);
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    SnapshotHeader fromStream = SnapshotWriter.write(store, streamed, Fixtures.signed("memory"));
    Path file = dir.resolve("in-place.snap");

    SnapshotHeader fromFile = SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));

    byte[] bytes = Files.readAllBytes(file);
    Layout inPlace = Fixtures.parse(bytes);
    Layout spooled = Fixtures.parse(streamed.toByteArray());
    assertThat(fromFile).isEqualTo(fromStream);
    for (String section : List.of("system", "secrets", "versions", "policies", "end")) {
      assertThat(inPlace.part(section).payload())
          .as(section)
          .isEqualTo(spooled.part(section).payload());
    }
    // the header slot: the same JSON, then JSON whitespace up to the reserved size
    String header = new String(inPlace.part("header").payload(), UTF_8);
    assertThat(header.stripTrailing()).isEqualTo(new String(HeaderJson.encode(fromFile), UTF_8));
    assertThat(header).endsWith(" ");
    assertThat(Fixtures.build(inPlace.parts(), Fixtures.HMAC_KEY)).isEqualTo(bytes);
    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
    assertThat(SnapshotReader.verifyHmac(file, Fixtures.HMAC_KEY)).isTrue();
    assertThat(listing(dir)).containsExactly("in-place.snap");
  }

  @Test
  void writeFile_aKeyCheckTooLargeForTheHeaderSlot_fallsBackToSpooling_andIsValid()
      throws IOException {
    byte[] largeCheck = new byte[SnapshotWriter.RESERVED_KEY_CHECK_BYTES + 256];
    new SecureRandom().nextBytes(largeCheck);
    Fixtures.populate(store, 12, 5);
    store.putSystem(Map.of(SystemKey.KEY_CHECK, largeCheck));
    Path file = dir.resolve("large-check.snap");

    SnapshotHeader header = SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));

    assertThat(Arrays.equals(header.keyCheck(), largeCheck)).isTrue();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Fixtures.parse(bytes).part("header").payload())
        .isEqualTo(HeaderJson.encode(header)); // spooled: no padding
    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
    assertThat(SnapshotReader.verifyHmac(file, Fixtures.HMAC_KEY)).isTrue();
    assertThat(listing(dir)).containsExactly("large-check.snap");
  }

  @Test
  void writeFile_ofAnEmptyStore_inPlace_isAValidSnapshot() {
    Path file = dir.resolve("empty.snap");

    SnapshotHeader header = SnapshotWriter.writeFile(store, file, Fixtures.unsigned("memory"));

    assertThat(header.counts()).isEqualTo(new SnapshotCounts(0, 0, 0, 0));
    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
  }

  @Test
  void streaming_refusesARecordOfASectionAlreadyClosed() throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            dir.resolve("order"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BackgroundWriter writer = new BackgroundWriter(channel);
      try {
        StreamingVisitor visitor = new StreamingVisitor(writer, 0);
        visitor.secret(new SecretRecord("a", 1, b("m")));

        assertThatThrownBy(() -> visitor.system(SystemKey.KEYRING, b("ring")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the export gave a system record after the secrets ones");
      } finally {
        writer.abort();
      }
    }
  }

  @Test
  void write_emptyStore_isAValidSnapshot() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotHeader header = SnapshotWriter.write(store, out, Fixtures.unsigned("memory"));

    assertThat(header.counts().total()).isZero();
    assertThat(Fixtures.parse(out.toByteArray()).parts()).hasSize(6);
  }

  @Test
  void fileName_isCompactUtc() {
    assertThat(SnapshotWriter.fileName(Instant.parse("2026-11-21T22:30:00.987Z")))
        .isEqualTo("spike-snapshot-20261121T223000Z.snap");
    assertThat(SnapshotWriter.fileName(Instant.parse("2026-01-02T03:04:05+05:00")))
        .isEqualTo("spike-snapshot-20260101T220405Z.snap");
  }

  // --- no plaintext, nothing but what the store holds ---

  @Test
  void snapshot_holdsExactlyTheStoredCiphertexts_andPaths_neverThePlaintext() throws Exception {
    byte[] marker = b("PLAINTEXT-MARKER-do-not-leak");
    SecretKeySpec key = new SecretKeySpec(new SecureRandom().generateSeed(32), "AES");
    SecureRandom random = new SecureRandom();
    List<byte[]> ciphertexts = new ArrayList<>();
    List<String> paths = List.of("prod/db/password", "prod/api/token", "dev/ключ");
    for (String path : paths) {
      List<VersionRecord> versions = new ArrayList<>();
      for (int v = 1; v <= 3; v++) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        byte[] ciphertext = Fixtures.concat(nonce, cipher.doFinal(marker));
        ciphertexts.add(ciphertext);
        versions.add(new VersionRecord(path, v, ciphertext));
      }
      store.writeSecret(new SecretWrite(path, 0, new byte[0], versions, List.of()));
    }
    Path file = dir.resolve("s.snap");

    SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));

    byte[] bytes = Files.readAllBytes(file);
    assertThat(indexesOf(bytes, marker)).isEmpty();
    for (byte[] ciphertext : ciphertexts) {
      assertThat(indexesOf(bytes, ciphertext)).hasSize(1);
    }
    for (String path : paths) {
      assertThat(indexesOf(bytes, b(path))).hasSize(4); // the secret and its 3 versions
    }
    // and nothing else: each section is exactly its records
    Layout layout = Fixtures.parse(bytes);
    long versionBytes = 0;
    for (String path : paths) {
      versionBytes += 3 * (2 + b(path).length + 4 + 4 + 12 + marker.length + 16);
    }
    assertThat(layout.part("versions").payload()).hasSize((int) versionBytes);
    assertThat(layout.part("secrets").payload().length)
        .isEqualTo(paths.stream().mapToInt(p -> 2 + b(p).length + 8 + 4).sum());
    assertThat(layout.part("system").payload()).isEmpty();
    assertThat(layout.part("policies").payload()).isEmpty();
  }

  private static List<Integer> indexesOf(byte[] haystack, byte[] needle) {
    List<Integer> found = new ArrayList<>();
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found.add(i);
    }
    return found;
  }

  // --- atomic files ---

  @Test
  void writeFile_leavesOnlyTheFile_ownerReadWriteOnly() throws IOException {
    Fixtures.populate(store, 2, 5);
    Path file = dir.resolve(SnapshotWriter.fileName(Fixtures.CREATED));

    SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));

    assertThat(listing(dir)).containsExactly("spike-snapshot-20261121T223000Z.snap");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
  }

  @Test
  void writeFile_replacesAnExistingFileWhole() throws IOException {
    Path file = dir.resolve("s.snap");
    Files.write(file, new byte[100_000]);
    Fixtures.populate(store, 3, 2);

    SnapshotWriter.writeFile(store, file, Fixtures.signed("memory"));

    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
    assertThat(listing(dir)).containsExactly("s.snap");
  }

  @Test
  void writeFile_failingMidway_leavesNoFile() throws IOException {
    store.writeSecret(
        new SecretWrite("ok", 0, b("m"), List.of(new VersionRecord("ok", 1, b("c"))), List.of()));
    store.writeSecret(new SecretWrite("x".repeat(70_000), 0, b("m"), List.of(), List.of()));

    assertThatThrownBy(
            () -> SnapshotWriter.writeFile(store, dir.resolve("s.snap"), Fixtures.signed("memory")))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("path longer than 65535 bytes");

    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void writeFile_storeFailing_leavesNoFile() throws IOException {
    store.close();

    assertThatThrownBy(
            () ->
                SnapshotWriter.writeFile(store, dir.resolve("s.snap"), Fixtures.unsigned("memory")))
        .isInstanceOf(StoreException.class);

    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void writeFile_intoADirectoryThatCannotBeWritten_failsAndLeavesNothing() throws IOException {
    Path notADirectory = dir.resolve("plain-file");
    Files.write(notADirectory, new byte[0]);

    assertThatThrownBy(
            () ->
                SnapshotWriter.writeFile(
                    store, notADirectory.resolve("s.snap"), Fixtures.unsigned("memory")))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("cannot write snapshot");

    assertThat(listing(dir)).containsExactly("plain-file");
  }

  @Test
  void writeFile_intoAReadOnlyDirectory_failsAndLeavesNothing() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeThat(Files.isWritable(readOnly)).as("not running as root").isFalse();

      assertThatThrownBy(
              () ->
                  SnapshotWriter.writeFile(
                      store, readOnly.resolve("s.snap"), Fixtures.unsigned("memory")))
          .isInstanceOf(SnapshotException.class);

      assertThat(listing(readOnly)).isEmpty();
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void write_deletesItsScratchFiles() throws IOException {
    Fixtures.populate(store, 5, 3);
    Path scratch = Files.createDirectory(dir.resolve("scratch"));

    SnapshotWriter.write(store, new ByteArrayOutputStream(), Fixtures.unsigned("memory"), scratch);
    assertThat(listing(scratch)).isEmpty();

    store.close();
    assertThatThrownBy(
            () ->
                SnapshotWriter.write(
                    store, new ByteArrayOutputStream(), Fixtures.unsigned("memory"), scratch))
        .isInstanceOf(StoreException.class);
    assertThat(listing(scratch)).isEmpty();
  }

  // --- size ---

  @Test
  void largeSqliteStore_streamsToAFile() {
    int secrets = 5_000;
    int versionsEach = 10;
    byte[] ciphertext = new byte[200];
    new SecureRandom().nextBytes(ciphertext);
    try (SpikeStore sqlite = Stores.open(new StoreConfig.Sqlite(dir.resolve("db/spike.db")))) {
      sqlite.importAll(
          sink -> {
            sink.system(SystemKey.KEY_CHECK, b("check"));
            for (int s = 0; s < secrets; s++) {
              String path = "bulk/" + s;
              sink.secret(new SecretRecord(path, 1, b("meta")));
              for (int v = 1; v <= versionsEach; v++) {
                sink.version(new VersionRecord(path, v, ciphertext));
              }
            }
          });
      Path file = dir.resolve("big.snap");
      long started = System.nanoTime();

      SnapshotHeader header = SnapshotWriter.writeFile(sqlite, file, Fixtures.unsigned("sqlite"));

      long writeMillis = (System.nanoTime() - started) / 1_000_000;
      started = System.nanoTime();
      long[] seen = {0};
      SnapshotReader.read(file, SnapshotVisitor.onVersions(record -> seen[0]++));
      long readMillis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "snapshot of %d versions: write %d ms, read %d ms, %d bytes%n",
          secrets * versionsEach, writeMillis, readMillis, file.toFile().length());
      assertThat(header.counts())
          .isEqualTo(new SnapshotCounts(secrets, (long) secrets * versionsEach, 0, 1));
      assertThat(seen[0]).isEqualTo((long) secrets * versionsEach);
    }
  }
}
