package io.spike.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.config.Settings;
import io.spike.identity.SpiffeId;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusTestCluster;
import io.spike.server.pipeline.AuditRecord;
import io.spike.server.pipeline.AuditTrail;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.TargetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditShipperTest {
  private static final String NAME = "host-1:/var/lib/spike/audit.log";
  private static final String DIR = "audit/host-1__var_lib_spike_audit.log/";

  @TempDir Path dir;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private SpikeStore store;
  private Path file;
  private FlakyTarget target;

  @BeforeEach
  void setUp() {
    store = Stores.open(new StoreConfig.Memory());
    file = dir.resolve("data/audit.log");
    target = new FlakyTarget(BackupTargets.open(dir.resolve("target").toString()));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  /**
   * Lines go out in order, one segment per round, nothing when nothing is new; a shipper that
   * starts afresh each round (a restart, or a crash right after a put) knows only what the target
   * holds, and neither loses nor repeats a line.
   */
  @ParameterizedTest(name = "fresh shipper each round: {0}")
  @ValueSource(booleans = {false, true})
  void shipOnce_shipsNewLinesInOrder_resumingFromTheTarget_withoutDuplicates(boolean fresh)
      throws Exception {
    AuditShipper kept = shipper(NAME);
    Supplier<AuditShipper> round = () -> fresh ? shipper(NAME) : kept;
    try (FileAuditLog log = open(NAME)) {
      write(log, 3);
      assertThat(round.get().shipOnce()).isEqualTo(3);
      assertThat(round.get().shipOnce()).isZero();
      write(log, 2);
      assertThat(round.get().shipOnce()).isEqualTo(2);
    }

    assertThat(target.list("audit/"))
        .containsExactly(
            DIR + "000000000001-000000000003.jsonl", DIR + "000000000004-000000000005.jsonl");
    assertThat(shipped(DIR)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void shipOnce_failedPut_isCountedAndRetried_andAPutThatLandedIsNotShippedTwice()
      throws Exception {
    try (FileAuditLog log = open(NAME)) {
      AuditShipper shipper = shipper(NAME);
      write(log, 2);
      target.failPuts = true;
      assertThat(shipper.shipOnce()).isEqualTo(-1);
      target.failPuts = false;
      // The put is written but answered with an error (a timeout after the write).
      target.failAfterPut = true;
      assertThat(shipper.shipOnce()).isEqualTo(-1);
      target.failAfterPut = false;
      write(log, 1);
      assertThat(shipper.shipOnce()).isEqualTo(1);
    }

    assertThat(target.list(DIR))
        .containsExactly(
            DIR + "000000000001-000000000002.jsonl", DIR + "000000000003-000000000003.jsonl");
    assertThat(shipped(DIR)).isEqualTo(Files.readAllBytes(file));
    assertThat(registry.scrape()).contains("spike_audit_ship_failures_total 2.0");
  }

  @Test
  void shipOnce_fileThatDoesNotExtendTheShippedLog_isRefusedEveryRound_andNothingIsWritten()
      throws Exception {
    try (FileAuditLog log = open(NAME)) {
      write(log, 3);
      shipper(NAME).shipOnce();
    }
    Files.delete(file);
    try (SpikeStore fresh = Stores.open(new StoreConfig.Memory());
        FileAuditLog log = FileAuditLog.open(settings(NAME), fresh, Clock.systemUTC(), HOUR)) {
      write(log, 4);
      AuditShipper shipper = shipper(NAME);
      assertThat(shipper.shipOnce()).isEqualTo(-1);
      assertThat(shipper.shipOnce()).isEqualTo(-1);
    }

    assertThat(target.list(DIR)).containsExactly(DIR + "000000000001-000000000003.jsonl");
    assertThat(registry.scrape()).contains("spike_audit_ship_failures_total 2.0");
  }

  @Test
  void shipOnce_afterARestoreUnderTheSameName_continuesTheShippedNumbering() throws Exception {
    try (FileAuditLog log = open(NAME)) {
      write(log, 3);
      shipper(NAME).shipOnce();
    }
    Files.delete(file);
    try (SpikeStore fresh = Stores.open(new StoreConfig.Memory());
        FileAuditLog log =
            FileAuditLog.open(
                settings(NAME), fresh, Clock.systemUTC(), HOUR, Optional.of(target))) {
      write(log, 2);
      assertThat(shipper(NAME).shipOnce()).isEqualTo(3);
      write(log, 1);
      assertThat(shipper(NAME).shipOnce()).isEqualTo(1);
    }

    assertThat(target.list(DIR))
        .containsExactly(
            DIR + "000000000001-000000000003.jsonl",
            DIR + "000000000004-000000000006.jsonl",
            DIR + "000000000007-000000000007.jsonl");
    // One chain from the first shipped line through the new file's lines.
    List<String> all = new String(shipped(DIR), StandardCharsets.UTF_8).lines().toList();
    assertThat(all).hasSize(7);
    FileAuditLogTest.assertChainIntact(all);
    assertThat(all.subList(3, 7)).isEqualTo(Files.readAllLines(file));
  }

  @Test
  void of_withoutATargetOrAuditLog_shipsNothing_butHasItsCounter() {
    AuditShipper off = AuditShipper.of(AuditLog.disabled(), Optional.of(target), HOUR, registry);
    off.start();
    assertThat(off.shipOnce()).isZero();
    off.close();
    assertThat(registry.scrape()).contains("spike_audit_ship_failures_total 0.0");
  }

  /** A sealed Nexus with a target ships its audit lines every changelog interval, and at close. */
  @Test
  void nexus_withABackupTarget_shipsItsAuditLogWhileSealed_andTheRestAtClose() throws Exception {
    Path log = dir.resolve("logs/audit.log");
    Path to = dir.resolve("nexus-target");
    try (NexusTestCluster cluster =
        NexusTestCluster.start(
            dir,
            new StoreConfig.Memory(),
            Map.of(
                Settings.AUDIT_LOG.name(),
                log.toString(),
                Settings.AUDIT_NAME.name(),
                "nexus-1",
                Settings.BACKUP_TARGET.name(),
                to.toString(),
                Settings.CHANGELOG_INTERVAL.name(),
                "100ms"))) {
      cluster.client(cluster.workload()).status();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (BackupTargets.open(to.toString()).list("audit/nexus-1/").isEmpty()) {
        assertThat(System.nanoTime()).as("no audit segment shipped in 10s").isLessThan(deadline);
        NexusTestCluster.sleep(50);
      }
      cluster.client(cluster.workload()).status();
    }
    target = new FlakyTarget(BackupTargets.open(to.toString()));
    assertThat(shipped("audit/nexus-1/")).isEqualTo(Files.readAllBytes(log));
    assertThat(Files.readAllLines(log)).hasSizeGreaterThanOrEqualTo(4);
  }

  private static final Duration HOUR = Duration.ofHours(1);

  private FileAuditLog open(String name) {
    return FileAuditLog.open(settings(name), store, Clock.systemUTC(), HOUR);
  }

  private NexusConfig.Audit settings(String name) {
    return new NexusConfig.Audit(Optional.of(file), Optional.of(name), Optional.empty());
  }

  private AuditShipper shipper(String name) {
    return new AuditShipper(file, name, Optional.of(target), HOUR, registry);
  }

  /** {@code n} outcome lines. */
  static void write(FileAuditLog log, int n) {
    for (int i = 0; i < n; i++) {
      log.outcome(
          new AuditRecord("r-" + i, SpiffeId.of("spike.ist", "/x"), "/v1/x", "", Optional.empty()),
          AuditTrail.Decision.ALLOW,
          200);
    }
  }

  /** Every segment under {@code prefix}, concatenated in name order. */
  private byte[] shipped(String prefix) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String name : target.list(prefix)) {
      try (InputStream in = target.open(name).orElseThrow()) {
        in.transferTo(all);
      }
    }
    return all.toByteArray();
  }

  /** A directory target whose puts can be made to fail, before or after the write. */
  static final class FlakyTarget implements BackupTarget {
    private final BackupTarget inner;
    volatile boolean failPuts;
    volatile boolean failAfterPut;

    FlakyTarget(BackupTarget inner) {
      this.inner = inner;
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public void put(String name, byte[] content) {
      if (failPuts) {
        throw new TargetException("refused " + name);
      }
      inner.put(name, content);
      if (failAfterPut) {
        throw new TargetException("timed out after writing " + name);
      }
    }

    @Override
    public void putFile(String name, Path file) {
      try {
        put(name, Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<InputStream> open(String name) {
      return inner.open(name);
    }

    @Override
    public void download(String name, Path file) {
      inner.download(name, file);
    }

    @Override
    public List<String> list(String prefix) {
      return inner.list(prefix);
    }

    @Override
    public void delete(String name) {
      inner.delete(name);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
