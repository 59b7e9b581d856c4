package io.spike.store.snapshot;

import static io.spike.store.snapshot.Fixtures.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonToken;
import io.spike.store.PolicyRecord;
import io.spike.store.RecordingVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.Fixtures.Layout;
import io.spike.store.snapshot.Fixtures.Part;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReaderTest {

  private static final List<String> SECTIONS =
      List.of("header", "system", "secrets", "versions", "policies", "end");

  @TempDir Path dir;

  private SpikeStore store;
  private Path good;
  private byte[] bytes;

  @BeforeEach
  void snapshotOfASmallStore() throws IOException {
    store = Stores.open(new StoreConfig.Memory());
    Fixtures.populate(store, 4, 4);
    good = dir.resolve("good.snap");
    SnapshotWriter.writeFile(store, good, Fixtures.signed("memory"));
    bytes = Files.readAllBytes(good);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Path file(byte[] content) throws IOException {
    Path f = dir.resolve("damaged.snap");
    Files.write(f, content);
    return f;
  }

  // --- a good file ---

  @Test
  void inspect_goodFile_isOk_withHeaderCountsAndDigests() {
    InspectReport report = SnapshotReader.inspect(good);
    Layout layout = Fixtures.parse(bytes);

    assertThat(report.ok()).isTrue();
    assertThat(report.damagedSection()).isEmpty();
    assertThat(report.problem()).isEmpty();
    SnapshotHeader header = report.header().orElseThrow();
    assertThat(header.created()).isEqualTo(Fixtures.CREATED);
    assertThat(header.backend()).isEqualTo("memory");
    assertThat(header.signed()).isTrue();
    assertThat(header.keyringTerms()).containsExactly(1, 2);
    assertThat(header.counts())
        .isEqualTo(
            new SnapshotCounts(
                4,
                store.secretPaths().stream().mapToLong(p -> store.versions(p).size()).sum(),
                store.policies().size(),
                SystemKey.values().length));
    assertThat(report.sectionDigests().keySet()).containsExactlyElementsOf(SECTIONS);
    for (Part part : layout.parts()) {
      assertThat(report.sectionDigests().get(part.name()))
          .isEqualTo(HexFormat.of().formatHex(Fixtures.sha256(part.payload())))
          .isEqualTo(HexFormat.of().formatHex(part.digest()));
    }
    assertThat(report.fileDigest())
        .isEqualTo(
            HexFormat.of()
                .formatHex(Fixtures.sha256(concat(Fixtures.signedBytes(bytes), layout.hmac()))))
        .isEqualTo(HexFormat.of().formatHex(layout.fileDigest()));
  }

  @Test
  void read_goodFile_streamsTheRecordsAsExported_andReturnsTheHeader() {
    RecordingVisitor recorder = new RecordingVisitor();

    SnapshotHeader header = SnapshotReader.read(good, recorder);

    assertThat(recorder.records()).isEqualTo(Fixtures.exported(store));
    assertThat(header).isEqualTo(SnapshotReader.inspect(good).header().orElseThrow());
  }

  // --- any damage is found and placed ---

  @Test
  void inspect_everySingleByteFlipped_namesTheSectionHoldingIt() throws IOException {
    Layout layout = Fixtures.parse(bytes);
    Set<String> seen = new TreeSet<>();
    for (int offset = 0; offset < bytes.length; offset++) {
      byte[] damaged = bytes.clone();
      damaged[offset] ^= 0x01;

      InspectReport report = SnapshotReader.inspect(file(damaged));

      String expected = layout.sectionAt(offset);
      assertThat(report.ok()).as("flip at %d", offset).isFalse();
      assertThat(report.damagedSection())
          .as("flip at %d: %s", offset, report.problem())
          .contains(expected);
      assertThat(report.fileDigest()).isEmpty();
      seen.add(expected);
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "header", "system", "secrets", "versions", "policies", "end", "trailer");
  }

  @Test
  void inspect_everyTruncation_namesTheSectionWhereTheFileEnds() throws IOException {
    Layout layout = Fixtures.parse(bytes);
    for (int length = 0; length < bytes.length; length++) {
      InspectReport report = SnapshotReader.inspect(file(Arrays.copyOf(bytes, length)));

      assertThat(report.ok()).as("cut at %d", length).isFalse();
      assertThat(report.damagedSection())
          .as("cut at %d", length)
          .contains(layout.sectionAt(length));
      assertThat(report.problem()).as("cut at %d", length).contains("truncated");
    }
  }

  @Test
  void inspect_truncatedInsideVersions_keepsTheHeaderAndEarlierDigests() throws IOException {
    Fixtures.Span versions = Fixtures.parse(bytes).span("versions");

    InspectReport report =
        SnapshotReader.inspect(file(Arrays.copyOf(bytes, (versions.start() + versions.end()) / 2)));

    assertThat(report.damagedSection()).contains("versions");
    assertThat(report.problem()).contains("truncated");
    assertThat(report.header()).isPresent();
    assertThat(report.sectionDigests().keySet()).containsExactly("header", "system", "secrets");
  }

  @Test
  void inspect_appendedByte_isTrailerDamage() throws IOException {
    for (byte extra : new byte[] {0, 1, (byte) 0xff}) {
      InspectReport report = SnapshotReader.inspect(file(concat(bytes, new byte[] {extra})));

      assertThat(report.ok()).isFalse();
      assertThat(report.damagedSection()).contains("trailer");
      assertThat(report.problem()).contains("unexpected bytes after the trailer");
    }
  }

  @Test
  void inspect_notASnapshot_isHeaderDamage() throws IOException {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);

    InspectReport report = SnapshotReader.inspect(file(junk));

    assertThat(report.damagedSection()).contains("header");
    assertThat(report.problem().orElseThrow()).contains("bad magic");
    assertThat(report.header()).isEmpty();
    assertThat(report.sectionDigests()).isEmpty();
  }

  @Test
  void inspect_otherFormatVersion_isHeaderDamage() throws IOException {
    byte[] damaged = bytes.clone();
    damaged[9] = 3;

    InspectReport report = SnapshotReader.inspect(file(damaged));

    assertThat(report.damagedSection()).contains("header");
    assertThat(report.problem()).contains("unsupported format version 3");
  }

  @Test
  void inspect_format2RelabelledFormat1_isHeaderDamage_andNeverVerifies() throws IOException {
    assertThat(bytes[9]).isEqualTo((byte) 2);
    byte[] relabelled = bytes.clone();
    relabelled[9] = 1;
    // relabelled with the trailer recomputed as format 1 wants it: the header still says 2
    byte[] rebuilt = Fixtures.build(1, Fixtures.parse(bytes).parts(), Fixtures.HMAC_KEY);

    for (byte[] content : List.of(relabelled, rebuilt)) {
      InspectReport report = SnapshotReader.inspect(file(content));

      assertThat(report.damagedSection()).contains("header");
      assertThat(report.problem()).contains("header format version differs from the file's");
      assertThat(SnapshotReader.verifyHmac(file(content), Fixtures.HMAC_KEY)).isFalse();
    }
  }

  @Test
  void inspect_format1RelabelledFormat2_isHeaderDamage_andNeverVerifies() throws IOException {
    byte[] v1 = Files.readAllBytes(SnapshotV1FixtureTest.copy(dir));
    byte[] relabelled = v1.clone();
    relabelled[9] = 2;
    byte[] rebuilt = Fixtures.build(2, Fixtures.parse(v1).parts(), SnapshotV1FixtureTest.hmacKey());

    for (byte[] content : List.of(relabelled, rebuilt)) {
      InspectReport report = SnapshotReader.inspect(file(content));

      assertThat(report.damagedSection()).contains("header");
      assertThat(report.problem()).contains("header format version differs from the file's");
      assertThat(SnapshotReader.verifyHmac(file(content), SnapshotV1FixtureTest.hmacKey()))
          .isFalse();
    }
  }

  @Test
  void inspect_sectionsReorderedOrDuplicated_isDamage_evenWithFreshChecksums() throws IOException {
    List<Part> parts = Fixtures.parse(bytes).parts();
    List<Part> swapped = new ArrayList<>(parts);
    Collections.swap(swapped, 2, 3); // versions before secrets
    List<Part> duplicated = new ArrayList<>(parts);
    duplicated.add(3, parts.get(2)); // secrets twice
    List<Part> missing = new ArrayList<>(parts);
    missing.remove(4); // no policies

    assertThat(damage(Fixtures.build(swapped, Fixtures.HMAC_KEY)))
        .isEqualTo("secrets: expected section 'secrets' here");
    assertThat(damage(Fixtures.build(duplicated, Fixtures.HMAC_KEY)))
        .isEqualTo("versions: expected section 'versions' here");
    assertThat(damage(Fixtures.build(missing, Fixtures.HMAC_KEY)))
        .isEqualTo("policies: expected section 'policies' here");
  }

  /** The damaged section and the problem inspect finds in {@code content}. */
  private String damage(byte[] content) throws IOException {
    InspectReport report = SnapshotReader.inspect(file(content));
    assertThat(report.ok()).isFalse();
    return report.damagedSection().orElseThrow() + ": " + report.problem().orElseThrow();
  }

  @Test
  void signature_zeroedOrStripped_isRefused() throws IOException {
    Layout layout = Fixtures.parse(bytes);
    int hmacAt = layout.span("trailer").start();
    byte[] zeroed = bytes.clone();
    Arrays.fill(zeroed, hmacAt, hmacAt + 32, (byte) 0);
    // zeroed with the whole-file digest recomputed: only the signed flag can tell
    byte[] zeroedResummed = Fixtures.build(layout.parts(), null);
    byte[] stripped = Arrays.copyOf(bytes, hmacAt + 32);

    assertThat(damage(zeroed)).isEqualTo("trailer: checksum mismatch");
    assertThat(damage(zeroedResummed))
        .isEqualTo("trailer: the header says signed but the HMAC is empty");
    assertThat(damage(stripped)).isEqualTo("trailer: truncated");
    for (byte[] content : List.of(zeroed, zeroedResummed, stripped)) {
      assertThat(SnapshotReader.verifyHmac(file(content), Fixtures.HMAC_KEY)).isFalse();
    }
  }

  @Test
  void verifyHmac_payloadChangedWithEveryKeylessChecksumRecomputed_isFalse() throws IOException {
    // the attack format 2 must still stop: a payload changed, its section digest and the
    // whole-file digest recomputed (no key needed); the HMAC over the digests no longer matches
    byte[] policies = Fixtures.parse(bytes).part("policies").payload();
    policies[policies.length - 1] ^= 1;
    byte[] forged = Fixtures.build(Fixtures.replacing(bytes, "policies", policies), null);
    byte[] hmac = Fixtures.parse(bytes).hmac();
    Layout forgedLayout = Fixtures.parse(forged);
    int hmacAt = forgedLayout.span("trailer").start();
    System.arraycopy(hmac, 0, forged, hmacAt, 32);
    System.arraycopy(
        Fixtures.sha256(concat(Fixtures.signedBytes(forged), hmac)), 0, forged, hmacAt + 32, 32);

    assertThat(SnapshotReader.inspect(file(forged)).ok()).isTrue();
    assertThat(SnapshotReader.verifyHmac(file(forged), Fixtures.HMAC_KEY)).isFalse();
    assertThat(SnapshotReader.verifyHmac(good, Fixtures.HMAC_KEY)).isTrue();
  }

  @Test
  void verifyHmac_payloadChangedWithOnlyItsSectionDigestRecomputed_isFalse() throws IOException {
    byte[] forged = bytes.clone();
    Fixtures.Span versions = Fixtures.parse(bytes).span("versions");
    forged[versions.end() - 40] ^= 1;
    byte[] payload = Fixtures.parse(forged).part("versions").payload();
    System.arraycopy(Fixtures.sha256(payload), 0, forged, versions.end() - 32, 32);

    assertThat(damage(forged)).isEqualTo("trailer: checksum mismatch");
    assertThat(SnapshotReader.verifyHmac(file(forged), Fixtures.HMAC_KEY)).isFalse();
  }

  @Test
  void inspect_missingFile_throwsSnapshotException() {
    assertThatThrownBy(() -> SnapshotReader.inspect(dir.resolve("missing.snap")))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("missing.snap");
  }

  // --- well summed but inconsistent files (a bug or a forgery) ---

  @Test
  void inspect_countDifferingFromTheHeader_namesTheSection() throws IOException {
    byte[] extra = Fixtures.policyRecord("extra", new byte[] {1});
    byte[] policies = concat(Fixtures.parse(bytes).part("policies").payload(), extra);

    InspectReport report =
        SnapshotReader.inspect(
            file(
                Fixtures.build(
                    Fixtures.replacing(bytes, "policies", policies), Fixtures.HMAC_KEY)));

    assertThat(report.damagedSection()).contains("policies");
    assertThat(report.problem().orElseThrow()).contains("the header says");
  }

  @Test
  void inspect_malformedRecords_nameTheSection() throws IOException {
    record Case(String section, byte[] payload, String problem) {}
    byte[] secrets = Fixtures.parse(bytes).part("secrets").payload();
    List<Case> cases =
        List.of(
            new Case(
                "system",
                Fixtures.systemRecord("no-such-key", new byte[1]),
                "unknown system record"),
            new Case("secrets", Arrays.copyOf(secrets, secrets.length - 1), "past the end"),
            new Case("secrets", Fixtures.secretRecord("p", 0, new byte[1]), "revision"),
            new Case("versions", Fixtures.versionRecord("p", 0, new byte[1]), "version"),
            new Case("versions", Fixtures.versionRecord(" ", 1, new byte[1]), "blank"),
            new Case(
                "policies",
                concat(new byte[] {0, 2, (byte) 0xc3, 0x28}, Fixtures.value(new byte[0])),
                "UTF-8"),
            new Case(
                "policies",
                concat(Fixtures.key("p"), new byte[] {(byte) 0xff, 0, 0, 0}),
                "larger than"),
            new Case("end", new byte[] {0}, "must be empty"),
            new Case("header", "{\"formatVersion\":1}".getBytes(UTF_8), "missing"),
            new Case("header", "not json".getBytes(UTF_8), "malformed header"));
    for (Case c : cases) {
      InspectReport report =
          SnapshotReader.inspect(
              file(
                  Fixtures.build(
                      Fixtures.replacing(bytes, c.section(), c.payload()), Fixtures.HMAC_KEY)));

      assertThat(report.damagedSection()).as(c.problem()).contains(c.section());
      assertThat(report.problem().orElseThrow()).as(c.section()).contains(c.problem());
    }
  }

  @Test
  void inspect_recordClaiming64MiBInATinyFile_allocatesByWhatTheFileHolds() throws IOException {
    byte[] head = Arrays.copyOf(bytes, Fixtures.parse(bytes).span("secrets").start());
    byte[] tiny =
        concat(
            head,
            new byte[] {3, 7},
            "secrets".getBytes(UTF_8),
            ByteBuffer.allocate(8).putLong(1L << 40).array(),
            Fixtures.key("a"),
            ByteBuffer.allocate(8).putLong(1).array(),
            ByteBuffer.allocate(4).putInt(SnapshotFormat.MAX_VALUE_BYTES).array(),
            new byte[16]);
    Path f = file(tiny);
    SnapshotReader.inspect(good); // loads the classes, so only the reading is measured
    long before = allocatedBytes();
    InspectReport report = SnapshotReader.inspect(f);
    long allocated = allocatedBytes() - before;

    assertThat(report.damagedSection()).contains("secrets");
    assertThat(report.problem()).contains("truncated");
    assertThat(allocated).isLessThan(8L << 20);
  }

  @Test
  void inspect_hmacDisagreeingWithTheSignedFlag_isTrailerDamage() throws IOException {
    InspectReport unsignedButHmac =
        SnapshotReader.inspect(
            file(Fixtures.build(Fixtures.parse(unsignedSnapshot()).parts(), Fixtures.HMAC_KEY)));
    InspectReport signedButZeros =
        SnapshotReader.inspect(file(Fixtures.build(Fixtures.parse(bytes).parts(), null)));

    assertThat(unsignedButHmac.damagedSection()).contains("trailer");
    assertThat(unsignedButHmac.problem().orElseThrow()).contains("unsigned");
    assertThat(signedButZeros.damagedSection()).contains("trailer");
  }

  @Test
  void read_damagedFile_throwsNamingTheSection_beforeAnyRecord() throws IOException {
    Fixtures.Span policies = Fixtures.parse(bytes).span("policies");
    byte[] damaged = bytes.clone();
    damaged[policies.end() - 40] ^= 0x40; // the last policy's payload
    RecordingVisitor recorder = new RecordingVisitor();

    assertThatThrownBy(() -> SnapshotReader.read(file(damaged), recorder))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("'policies'")
        .hasMessageContaining("checksum mismatch")
        .satisfies(e -> assertThat(((SnapshotException) e).section()).contains("policies"));
    assertThat(recorder.records()).isEmpty();
  }

  // --- HMAC ---

  @Test
  void verifyHmac_trueWithTheKey_falseWithAnother() {
    assertThat(SnapshotReader.verifyHmac(good, Fixtures.HMAC_KEY)).isTrue();
    assertThat(SnapshotReader.verifyHmac(good, Fixtures.OTHER_KEY)).isFalse();
    assertThat(Fixtures.parse(bytes).hmac())
        .isEqualTo(Fixtures.hmac(Fixtures.HMAC_KEY, Fixtures.signedBytes(bytes)));
  }

  @Test
  void verifyHmac_anyChangedByteBeforeTheTrailer_isFalse() throws IOException {
    Random random = new Random(11);
    for (int i = 0; i < 50; i++) {
      byte[] damaged = bytes.clone();
      damaged[random.nextInt(bytes.length - 64)] ^= (byte) (1 + random.nextInt(255));

      assertThat(SnapshotReader.verifyHmac(file(damaged), Fixtures.HMAC_KEY)).isFalse();
    }
    assertThat(SnapshotReader.verifyHmac(file(new byte[10]), Fixtures.HMAC_KEY)).isFalse();
  }

  @Test
  void unsignedSnapshot_hasZeroHmac_signedFalse_andNeverVerifies() throws IOException {
    byte[] unsigned = unsignedSnapshot();
    Path f = file(unsigned);

    InspectReport report = SnapshotReader.inspect(f);

    assertThat(report.ok()).isTrue();
    assertThat(report.header().orElseThrow().signed()).isFalse();
    assertThat(report.header().orElseThrow().keyringTerms()).isEmpty();
    assertThat(Fixtures.parse(unsigned).hmac()).isEqualTo(new byte[32]);
    assertThat(SnapshotReader.verifyHmac(f, Fixtures.HMAC_KEY)).isFalse();
    assertThat(SnapshotReader.verifyHmac(f, new byte[32])).isFalse();
  }

  private byte[] unsignedSnapshot() throws IOException {
    Path f = dir.resolve("unsigned.snap");
    SnapshotWriter.writeFile(store, f, Fixtures.unsigned("memory"));
    return Files.readAllBytes(f);
  }

  // --- fuzzing ---

  private static final Pattern WORD = Pattern.compile("[^A-Za-z0-9_]+");

  /** Every word a problem may hold besides numbers and exception names: none from the file. */
  private static final Set<String> PROBLEM_WORDS = problemWords();

  private static Set<String> problemWords() {
    Set<String> words = new HashSet<>();
    Stream.concat(
            Stream.of(
                "snapshot damaged in section '': truncated",
                "checksum mismatch",
                "invalid payload length",
                "expected section '' here",
                "not a spike snapshot (bad magic)",
                "unsupported format version",
                "unexpected bytes after the trailer",
                "the header says signed but the HMAC is empty",
                "the header says unsigned but there is an HMAC",
                "holds records; the header says",
                "the end section must be empty",
                "header larger than bytes",
                "header format version differs from the file's",
                "malformed header: data after the JSON object",
                "malformed header: '' is missing",
                "malformed header: expected a boolean, found",
                "counts.secrets counts.versions"
                    + " counts.policies counts.system formatVersion created backend counts keyringTerms"
                    + " keyCheck signed",
                "unknown system record",
                "section holds no records",
                "a key is not valid UTF-8",
                "a record is larger than bytes",
                "a record runs past the end of the section",
                "invalid record: path name must not be blank",
                "must not contain NUL",
                "revision must be at least 1",
                "version must be at least 1",
                "counts must not be negative",
                "format version must be at least 1",
                "trailer"),
            SECTIONS.stream())
        .flatMap(WORD::splitAsStream)
        .forEach(words::add);
    Stream.of(JsonToken.values()).map(Enum::name).forEach(words::add);
    words.add("null");
    return Set.copyOf(words);
  }

  private static void assertTerse(String problem) {
    assertThat(WORD.splitAsStream(problem).filter(w -> !w.isEmpty()))
        .as("words of '%s'", problem)
        .allMatch(
            w ->
                PROBLEM_WORDS.contains(w)
                    || w.chars().allMatch(Character::isDigit)
                    || w.matches("[A-Z][A-Za-z]*Exception"));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /**
   * Recomputes every section digest and the trailer's file digest where the file's own framing says
   * they are, so that fuzzed payloads get past the checksums into the decoders. A file whose
   * framing does not hold is left as it is from there on.
   */
  static byte[] withRepairedChecksums(byte[] file) {
    byte[] out = file.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    int pos = SnapshotFormat.PREAMBLE_BYTES;
    boolean framed = out.length >= pos;
    while (framed && pos + 2 <= out.length) {
      int nameLength = out[pos + 1] & 0xff;
      int lengthAt = pos + 2 + nameLength;
      if (lengthAt + 8 > out.length) {
        framed = false;
        break;
      }
      long length = b.getLong(lengthAt);
      int payloadAt = lengthAt + 8;
      if (length < 0 || length > out.length - payloadAt - SnapshotFormat.DIGEST_BYTES) {
        framed = false;
        break;
      }
      int end = payloadAt + (int) length;
      b.put(end, Fixtures.sha256(Arrays.copyOfRange(out, payloadAt, end)));
      boolean last = (out[pos] & 0xff) == SnapshotFormat.Section.END.type;
      pos = end + SnapshotFormat.DIGEST_BYTES;
      if (last) {
        break;
      }
    }
    int digestAt = pos + SnapshotFormat.DIGEST_BYTES;
    if (framed && digestAt + SnapshotFormat.DIGEST_BYTES <= out.length) {
      byte[] covered =
          out[SnapshotFormat.PREAMBLE_BYTES - 1] == SnapshotFormat.FORMAT_2
              ? concat(
                  Fixtures.signedBytes(Arrays.copyOf(out, pos + 2 * SnapshotFormat.DIGEST_BYTES)),
                  Arrays.copyOfRange(out, pos, digestAt))
              : Arrays.copyOf(out, digestAt);
      b.put(digestAt, Fixtures.sha256(covered));
    }
    return out;
  }

  @Test
  void withRepairedChecksums_ofAGoodFile_changesNothing_andRepairsAFlippedPayloadByte() {
    assertThat(withRepairedChecksums(bytes)).isEqualTo(bytes);
    byte[] flipped = bytes.clone();
    flipped[Fixtures.parse(bytes).span("policies").end() - 40] ^= 1;
    byte[] repaired = withRepairedChecksums(flipped);
    assertThat(repaired).isNotEqualTo(bytes);
    Fixtures.Layout layout = Fixtures.parse(repaired);
    assertThat(layout.fileDigest())
        .isEqualTo(Fixtures.sha256(concat(Fixtures.signedBytes(repaired), layout.hmac())));
  }

  private static long count(RecordingVisitor recorder, Class<?> type) {
    return recorder.records().stream().filter(type::isInstance).count();
  }

  /** Inspects, reads and HMAC-checks {@code content} as a file, asserting the contract. */
  private void checkContract(byte[] content) throws IOException {
    Path f = file(content);
    long bound = 4L * 1024 * 1024 + 16L * content.length;
    long before = allocatedBytes();
    InspectReport report = SnapshotReader.inspect(f);
    long allocated = allocatedBytes() - before;
    if (allocated >= bound) {
      // The first run may have loaded (and, when fuzzing, instrumented) classes: measure again.
      before = allocatedBytes();
      SnapshotReader.inspect(f);
      allocated = allocatedBytes() - before;
    }
    assertThat(allocated)
        .as("bytes allocated inspecting a %d-byte file", content.length)
        .isLessThan(bound);
    report.problem().ifPresent(SnapshotReaderTest::assertTerse);
    report
        .damagedSection()
        .ifPresent(
            s ->
                assertThat(s)
                    .isIn(Stream.concat(SECTIONS.stream(), Stream.of("trailer")).toList()));
    RecordingVisitor recorder = new RecordingVisitor();
    if (report.ok()) {
      SnapshotHeader header = SnapshotReader.read(f, recorder);
      assertThat(report.header()).contains(header);
      SnapshotCounts counts = header.counts();
      assertThat(recorder.records()).hasSize(Math.toIntExact(counts.total()));
      assertThat(count(recorder, String.class)).isEqualTo(counts.system());
      assertThat(count(recorder, SecretRecord.class)).isEqualTo(counts.secrets());
      assertThat(count(recorder, VersionRecord.class)).isEqualTo(counts.versions());
      assertThat(count(recorder, PolicyRecord.class)).isEqualTo(counts.policies());
      assertThat(report.fileDigest())
          .isEqualTo(
              HexFormat.of()
                  .formatHex(Arrays.copyOfRange(content, content.length - 32, content.length)));
    } else {
      assertThatThrownBy(() -> SnapshotReader.read(f, recorder))
          .isInstanceOfSatisfying(
              SnapshotException.class,
              e -> {
                assertThat(e.section()).isEqualTo(report.damagedSection());
                assertThat(e.getMessage())
                    .isEqualTo(
                        "snapshot damaged in section '"
                            + report.damagedSection().orElseThrow()
                            + "': "
                            + report.problem().orElseThrow());
              });
      assertThat(recorder.records()).isEmpty();
    }
    boolean signedByUs = SnapshotReader.verifyHmac(f, Fixtures.HMAC_KEY);
    assertThat(!signedByUs || content.length >= SnapshotFormat.PREAMBLE_BYTES + 64).isTrue();
  }

  /**
   * Fuzz target (regression inputs in SnapshotReaderTestInputs/): any file, as it is and with its
   * checksums repaired (so fuzzed payloads reach the header and record decoders), gives an inspect
   * report, never an exception; the report's problem holds no word from the file; inspect allocates
   * in proportion to the file, not to the lengths it claims; read streams exactly the counted
   * records of a good file and refuses a damaged one naming the same section before any record;
   * verifyHmac answers without throwing.
   */
  @FuzzTest(maxDuration = "60s")
  void inspect_fuzzedFile_reportsBoundedAndTerse_andReadAgrees(byte[] content) throws IOException {
    checkContract(content);
    byte[] repaired = withRepairedChecksums(content);
    if (!Arrays.equals(repaired, content)) {
      checkContract(repaired);
    }
  }
}
