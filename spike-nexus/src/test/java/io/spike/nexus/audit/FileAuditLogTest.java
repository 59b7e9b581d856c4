package io.spike.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spike.api.ApiException;
import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.StatusResponse;
import io.spike.config.Settings;
import io.spike.identity.SpiffeId;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusTestCluster;
import io.spike.server.pipeline.AuditRecord;
import io.spike.server.pipeline.AuditTrail;
import io.spike.store.AuditAnchor;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileAuditLogTest {
  private static final String SECRET = "s3cr3t-value-never-logged";
  @TempDir Path dir;

  @Test
  void open_whileAnotherWriterHoldsTheFile_isRefused_andThenAllowedAfterClose() throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      try (FileAuditLog first = open(file, store)) {
        write(first, "/a", Optional.empty(), AuditTrail.Decision.ALLOW, 200);
        assertThatThrownBy(() -> open(file, store))
            .isInstanceOf(AuditException.class)
            .hasMessageContaining("another Nexus writes the audit log")
            .hasMessageContaining("SPIKE_NEXUS_AUDIT_LOG");
      }
      try (FileAuditLog again = open(file, store)) {
        assertThat(again.head().orElseThrow().lines()).isEqualTo(1);
      }
    }
  }

  @Test
  void record_chainsLines_andContinuesTheChainAfterReopen() throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      try (FileAuditLog log = open(file, store)) {
        write(log, "/a", Optional.of("apps/db"), AuditTrail.Decision.ALLOW, 200);
        write(log, "/b", Optional.empty(), AuditTrail.Decision.DENY, 401);
      }
      assertThat(store.auditAnchor(FileAuditLog.defaultName(file)))
          .contains(new AuditAnchor(2, hash(lines(file).get(1))));
      try (FileAuditLog log = open(file, store)) {
        assertThat(log.head().orElseThrow().lines()).isEqualTo(2);
        write(log, "/c", Optional.empty(), AuditTrail.Decision.ALLOW, 200);
      }
      List<String> lines = lines(file);
      assertThat(lines).hasSize(3);
      assertChainIntact(lines);
      JsonNode first = Json.mapper().readTree(lines.get(0));
      assertThat(first.fieldNames())
          .toIterable()
          .containsExactly(
              "time",
              "requestId",
              "type",
              "caller",
              "route",
              "action",
              "path",
              "decision",
              "status",
              "prev");
      assertThat(first.get("prev").asText()).isEqualTo(FileAuditLog.GENESIS);
      assertThat(Json.mapper().readTree(lines.get(1)).has("path")).isFalse();
      assertThat(store.auditAnchor(FileAuditLog.defaultName(file)).orElseThrow().lines())
          .isEqualTo(3);
    }
  }

  @Test
  void open_fileEndingInPartialLine_isRefused() throws Exception {
    Path file = dir.resolve("audit.log");
    Files.writeString(file, "{\"a\":1}\n{\"trunc");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      assertThatThrownBy(() -> open(file, store))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("partial line (line 2)");
    }
  }

  @Test
  void open_newFileWhileTheTargetHoldsItsShippedLog_startsWithAContinuedLine_thatReopens()
      throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("target").toString());
    String lastShipped = ship(target, "a", 3, Clock.systemUTC()).get(2);
    Path file = dir.resolve("new/audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      try (FileAuditLog log = openContinuing(file, "a", store, target, Clock.systemUTC())) {
        write(log, "/a", Optional.empty(), AuditTrail.Decision.ALLOW, 200);
      }
      List<String> lines = lines(file);
      JsonNode first = Json.mapper().readTree(lines.get(0));
      assertThat(first.fieldNames())
          .toIterable()
          .containsExactly("time", "type", "fromLog", "fromLine", "prev");
      assertThat(first.get("type").asText()).isEqualTo("continued");
      assertThat(first.get("fromLog").asText()).isEqualTo("a");
      assertThat(first.get("fromLine").asLong()).isEqualTo(3);
      assertThat(first.get("prev").asText()).isEqualTo(hash(lastShipped));
      assertThat(store.auditAnchor("a")).contains(new AuditAnchor(2, hash(lines.get(1))));
      // Reopened: the continued line is accepted as the chain's start, and nothing more is added.
      try (FileAuditLog log = openContinuing(file, "a", store, target, Clock.systemUTC())) {
        assertThat(log.head().orElseThrow().lines()).isEqualTo(2);
      }
      assertThat(lines(file)).isEqualTo(lines);
    }
  }

  @Test
  void open_newFileUnderAnotherName_continuesTheShippedLogWhoseNewestLineIsNewest()
      throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("target").toString());
    Instant start = Instant.parse("2026-11-28T10:00:00Z");
    ship(target, "old", 2, Clock.fixed(start, ZoneOffset.UTC));
    String newest =
        ship(target, "new", 4, Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC)).get(3);
    ship(target, "older", 5, Clock.fixed(start.minusSeconds(60), ZoneOffset.UTC));

    try (SpikeStore store = Stores.open(new StoreConfig.Memory());
        FileAuditLog log =
            openContinuing(dir.resolve("c.log"), "c", store, target, Clock.systemUTC())) {
      JsonNode first = Json.mapper().readTree(lines(dir.resolve("c.log")).get(0));
      assertThat(first.get("fromLog").asText()).isEqualTo("new");
      assertThat(first.get("fromLine").asLong()).isEqualTo(4);
      assertThat(first.get("prev").asText()).isEqualTo(hash(newest));
    }
  }

  @Test
  void open_newFileWithAnEmptyTarget_startsAChainFromGenesis() throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("target").toString());
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory());
        FileAuditLog log = openContinuing(file, "a", store, target, Clock.systemUTC())) {
      write(log, "/a", Optional.empty(), AuditTrail.Decision.ALLOW, 200);
    }
    assertThat(lines(file)).hasSize(1);
    assertChainIntact(lines(file));
  }

  /**
   * The file lost while the store keeps its anchor (a restore into a store that survived): when the
   * target holds every anchored line, the new file continues the shipped log and the anchor starts
   * again at its first line; when some anchored line was never shipped, the gap is refused as
   * without a target.
   */
  @ParameterizedTest(name = "lines written after the last shipment: {0}")
  @ValueSource(ints = {0, 2})
  void open_fileLostWhileTheStoreKeepsItsAnchor_continuesOnlyWhenTheTargetHoldsEveryAnchoredLine(
      int unshipped) throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("target").toString());
    Path file = dir.resolve("audit.log");
    NexusConfig.Audit settings =
        new NexusConfig.Audit(Optional.of(file), Optional.of("a"), Optional.empty());
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      try (FileAuditLog log = openContinuing(file, "a", store, target, Clock.systemUTC())) {
        AuditShipperTest.write(log, 3);
        new AuditShipper(
                file, "a", Optional.of(target), Duration.ofHours(1), new SimpleMeterRegistry())
            .shipOnce();
        AuditShipperTest.write(log, unshipped);
      }
      Files.delete(file);
      assertThatThrownBy(
              () -> FileAuditLog.open(settings, store, Clock.systemUTC(), Duration.ofHours(1)))
          .hasMessageContaining("is not intact");

      if (unshipped > 0) {
        assertThatThrownBy(() -> openContinuing(file, "a", store, target, Clock.systemUTC()))
            .hasMessageContaining("is not intact");
        return;
      }
      try (FileAuditLog log = openContinuing(file, "a", store, target, Clock.systemUTC())) {
        assertThat(log.head().orElseThrow().lines()).isEqualTo(1);
      }
      String first = lines(file).get(0);
      assertThat(Json.mapper().readTree(first).get("fromLine").asLong()).isEqualTo(3);
      assertThat(store.auditAnchor("a")).contains(new AuditAnchor(1, hash(first)));
    }
  }

  /** Writes {@code n} lines to a log named {@code name} and ships them; returns the lines. */
  private List<String> ship(BackupTarget target, String name, int n, Clock clock) throws Exception {
    Path file = dir.resolve("shipped-" + name + ".log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory());
        FileAuditLog log =
            FileAuditLog.open(
                new NexusConfig.Audit(Optional.of(file), Optional.of(name), Optional.empty()),
                store,
                clock,
                Duration.ofHours(1))) {
      AuditShipperTest.write(log, n);
      new AuditShipper(
              file, name, Optional.of(target), Duration.ofHours(1), new SimpleMeterRegistry())
          .shipOnce();
    }
    return lines(file);
  }

  private static FileAuditLog openContinuing(
      Path file, String name, SpikeStore store, BackupTarget target, Clock clock) {
    return FileAuditLog.open(
        new NexusConfig.Audit(Optional.of(file), Optional.of(name), Optional.empty()),
        store,
        clock,
        Duration.ofHours(1),
        Optional.of(target));
  }

  private static FileAuditLog open(Path file, SpikeStore store) {
    return open(file, store, Optional.empty());
  }

  private static FileAuditLog open(Path file, SpikeStore store, Optional<String> acceptGap) {
    return FileAuditLog.open(
        new NexusConfig.Audit(Optional.of(file), Optional.empty(), acceptGap),
        store,
        Clock.systemUTC(),
        Duration.ofHours(1));
  }

  /** Writes {@code n} outcome lines through a log opened and closed (so anchored). */
  private static void writeLines(Path file, SpikeStore store, int n) {
    try (FileAuditLog log = open(file, store)) {
      for (int i = 0; i < n; i++) {
        write(log, "/r" + i, Optional.empty(), AuditTrail.Decision.ALLOW, 200);
      }
    }
  }

  @Test
  void fileAndTheDirectoriesCreatedForIt_arePrivate_whateverThePath() throws Exception {
    Path parent = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = parent.resolve("custom/deeper/audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, store, 1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file.getParent().getParent())))
          .isEqualTo("rwx------");

      Path loose = parent.resolve("loose.log");
      Files.writeString(loose, "");
      Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
      writeLines(loose, store, 1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)))
          .isEqualTo("rw-------");
    }
  }

  /**
   * Lines cut while Nexus was down: the log no longer reaches its anchor, Nexus refuses to start
   * and says why, and the anchor does not move back to the cut file.
   */
  @Test
  void open_logCutShortWhileDown_isRefused_andTheAnchorStays() throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, store, 5);
      AuditAnchor anchored = store.auditAnchor(FileAuditLog.defaultName(file)).orElseThrow();
      List<String> all = lines(file);
      Files.write(file, all.subList(0, 3), StandardCharsets.UTF_8);

      assertThatThrownBy(() -> open(file, store))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("is not intact")
          .hasMessageContaining("lines 4..5 are missing")
          .hasMessageContaining(Settings.AUDIT_ACCEPT_GAP.name() + "=" + anchored.lastHash());
      assertThat(store.auditAnchor(FileAuditLog.defaultName(file))).contains(anchored);
      assertThat(lines(file)).hasSize(3);
    }
  }

  @Test
  void open_logEditedOrDeletedWhileDown_isRefused() throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, store, 4);
      List<String> all = new ArrayList<>(lines(file));
      all.set(3, all.get(3).replace("\"status\":200", "\"status\":404"));
      Files.write(file, all, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> open(file, store))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("were changed or replaced");
      Files.delete(file);
      assertThatThrownBy(() -> open(file, store))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("the file has 0");
    }
  }

  /**
   * A line in the middle edited in place while Nexus is down: the anchored last line still hashes
   * right, but the line after the edited one no longer chains to it, and Nexus refuses to start.
   */
  @Test
  void open_lineEditedInTheMiddleWhileDown_isRefused_evenThoughTheAnchoredLineIsIntact()
      throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, store, 4);
      List<String> all = new ArrayList<>(lines(file));
      all.set(1, all.get(1).replace("\"status\":200", "\"status\":403"));
      Files.write(file, all, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> open(file, store))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("line 3 does not chain to line 2");
    }
  }

  /**
   * A log that was never anchored (a new store) but is broken is refused too; its last line's hash
   * accepts it.
   */
  @Test
  void open_brokenLogWithoutAnchor_isRefused_andAcceptedByItsLastLinesHash() throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore first = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, first, 3);
    }
    List<String> all = new ArrayList<>(lines(file));
    all.remove(1);
    Files.write(file, all, StandardCharsets.UTF_8);
    try (SpikeStore fresh = Stores.open(new StoreConfig.Memory())) {
      String last = hash(all.get(all.size() - 1));
      assertThatThrownBy(() -> open(file, fresh))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("line 2 does not chain to line 1")
          .hasMessageContaining(Settings.AUDIT_ACCEPT_GAP.name() + "=" + last);
      try (FileAuditLog log = open(file, fresh, Optional.of(last))) {
        assertThat(log.head().orElseThrow().lines()).isEqualTo(1);
      }
    }
  }

  /**
   * An operator accepts the gap by naming the anchored hash: the damaged file is kept aside, a new
   * chain starts with a gap record naming what was lost, and the anchor follows the new chain.
   */
  @Test
  void acceptGap_withTheAnchoredHash_movesTheFileAside_andStartsANewChainWithAGapRecord()
      throws Exception {
    Path file = dir.resolve("audit.log");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      writeLines(file, store, 5);
      AuditAnchor anchored = store.auditAnchor(FileAuditLog.defaultName(file)).orElseThrow();
      Files.write(file, lines(file).subList(0, 2), StandardCharsets.UTF_8);

      assertThatThrownBy(() -> open(file, store, Optional.of("ab".repeat(32))))
          .isInstanceOf(AuditException.class)
          .hasMessageContaining("names another anchor");
      try (FileAuditLog log = open(file, store, Optional.of(anchored.lastHash()))) {
        write(log, "/after", Optional.empty(), AuditTrail.Decision.ALLOW, 200);
      }

      List<String> fresh = lines(file);
      JsonNode gap = Json.mapper().readTree(fresh.get(0));
      assertThat(gap.get("type").asText()).isEqualTo("gap");
      assertThat(gap.get("prev").asText()).isEqualTo(FileAuditLog.GENESIS);
      assertThat(gap.get("anchoredLines").asLong()).isEqualTo(5);
      assertThat(gap.get("foundLines").asLong()).isEqualTo(2);
      assertThat(gap.get("reason").asText()).contains("lines 3..5 are missing");
      assertThat(fresh).hasSize(2);
      assertChainIntact(fresh);
      Path aside = Path.of(gap.get("previousFile").asText());
      assertThat(lines(aside)).hasSize(2);
      assertThat(store.auditAnchor(FileAuditLog.defaultName(file)))
          .contains(new AuditAnchor(2, hash(fresh.get(1))));

      // The acceptance is spent: starting again with the same setting changes nothing.
      try (FileAuditLog again = open(file, store, Optional.of(anchored.lastHash()))) {
        assertThat(again.head().orElseThrow().lines()).isEqualTo(2);
      }
    }
  }

  @Test
  void nexus_everyAuthorizedRequestHasOneLine_withoutSecrets_andStatusShowsTheAnchor()
      throws Exception {
    Path file = dir.resolve("logs/audit.log");
    try (NexusTestCluster cluster =
        NexusTestCluster.start(
            dir, new StoreConfig.Memory(), Map.of(Settings.AUDIT_LOG.name(), file.toString()))) {
      cluster.client(cluster.workload()).status(); // sealed: reached authorization, allowed
      cluster.seedKeepers();
      cluster.awaitReady();
      var admin = cluster.client(cluster.superuser());
      admin.putSecret("apps/db", Map.of("password", SECRET));
      admin.getSecret("apps/db", 0);
      admin.putPolicy(
          new PolicyPutRequest(
              "readers", "^spiffe://spike.ist/apps/.*$", "^apps/.*$", List.of("read")));
      assertThatThrownBy(
              () -> cluster.client(cluster.workload()).putSecret("apps/x", Map.of("k", SECRET)))
          .isInstanceOf(ApiException.class);
      // not reached authorization: unknown route, wrong method
      assertThat(cluster.raw(cluster.superuser(), "POST", "/v1/nope", new byte[0]).statusCode())
          .isEqualTo(404);
      assertThat(cluster.raw(cluster.superuser(), "GET", Routes.SECRETS, null).statusCode())
          .isEqualTo(405);

      List<String> lines = lines(file);
      assertThat(lines).hasSize(9);
      assertChainIntact(lines);
      String all = String.join("\n", lines);
      assertThat(all).doesNotContain(SECRET).doesNotContain("password");
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : lines) {
        JsonNode node = Json.mapper().readTree(line);
        if (node.get("type").asText().equals("outcome")) {
          nodes.add(node);
        }
      }
      assertThat(nodes)
          .extracting(n -> n.get("route").asText())
          .containsExactly(
              Routes.SYS_STATUS, Routes.SECRETS, Routes.SECRETS, Routes.POLICY, Routes.SECRETS);
      assertThat(nodes)
          .extracting(n -> n.get("decision").asText())
          .containsExactly("allow", "allow", "allow", "allow", "deny");
      assertThat(nodes.get(1).get("path").asText()).isEqualTo("apps/db");
      assertThat(nodes.get(2).get("action").asText()).isEqualTo("get");
      assertThat(nodes.get(3).get("path").asText()).isEqualTo("readers");
      assertThat(nodes.get(4).get("status").asInt()).isEqualTo(401);
      assertThat(nodes.get(4).get("caller").asText()).isEqualTo(cluster.workload().id().toString());

      // The anchor reaches the store within a second; status shows it (and is itself audited).
      StatusResponse.Audit anchor = awaitAnchor(cluster, 9);
      assertThat(anchor.lastHash()).isEqualTo(hash(lines(file).get((int) anchor.lines() - 1)));

      cluster.restartNexus();
      cluster.awaitReady();
      cluster.client(cluster.superuser()).getSecret("apps/db", 0);
      List<String> after = lines(file);
      assertThat(after.size()).isGreaterThan(11);
      assertChainIntact(after);
    }
  }

  @Test
  void nexus_auditLogPathIsADirectory_refusesToStart() throws Exception {
    Path file = dir.resolve("audit.log");
    Files.createDirectory(file);
    assertThatThrownBy(
            () ->
                NexusTestCluster.start(
                    dir,
                    new StoreConfig.Memory(),
                    Map.of(Settings.AUDIT_LOG.name(), file.toString())))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("SPIKE_NEXUS_AUDIT_LOG");
  }

  private static StatusResponse.Audit awaitAnchor(NexusTestCluster cluster, long lines) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      Optional<StatusResponse.Audit> audit = cluster.client(cluster.superuser()).status().audit();
      if (audit.isPresent() && audit.get().lines() >= lines) {
        return audit.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no anchor of " + lines + " lines: " + audit);
      }
      NexusTestCluster.sleep(100);
    }
  }

  static void assertChainIntact(List<String> lines) throws Exception {
    String prev = FileAuditLog.GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      assertThat(Json.mapper().readTree(lines.get(i)).get("prev").asText())
          .as("line %d", i + 1)
          .isEqualTo(prev);
      prev = hash(lines.get(i));
    }
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static String hash(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  /** One outcome line, as the pipeline writes for a request refused before its route. */
  private static void write(
      FileAuditLog log,
      String route,
      Optional<String> path,
      AuditTrail.Decision decision,
      int status) {
    log.outcome(
        new AuditRecord("r-" + route, SpiffeId.of("spike.ist", "/x"), route, "", path),
        decision,
        status);
  }
}
