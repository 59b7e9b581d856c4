package io.spike.nexus.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.config.EnvBuilder;
import io.spike.config.Settings;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.TestClock;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.secrets.Secrets;
import io.spike.store.Change;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.changelog.ChainState;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeLogReader;
import io.spike.store.changelog.ChangeSegments;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.TargetException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ChangeShipperTest {
  @TempDir Path dir;
  // The store stamps changes with the system clock.
  private final TestClock clock = new TestClock(Instant.now());
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SecureRandom random = new SecureRandom();
  private final RootKey key = RootKey.generate(random);
  private final Keyring keyring = Keyring.create(random);

  @AfterEach
  void close() {
    registry.close();
    key.destroy();
  }

  /** An unsealed barrier over {@code store} (initialized on first use) and a Secrets over it. */
  private final class Live implements AutoCloseable {
    final SpikeStore store;
    final Barrier barrier;
    final Secrets secrets;

    Live(SpikeStore store) {
      this.store = store;
      this.barrier = new Barrier(() -> store.system(SystemKey.KEYRING));
      this.secrets = new Secrets(store, barrier, clock, 10);
      try {
        store.initialize(
            Map.of(
                SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
        barrier.unseal(RootKey.fromBytes(key.material().copyBytes()), keyring);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    ChangeShipper shipper(BackupTarget target) {
      return new ChangeShipper(
          Optional.of(target), Duration.ofSeconds(1), store, barrier, clock, registry);
    }

    @Override
    public void close() {
      barrier.seal();
      store.close();
    }
  }

  private Live sqlite() {
    return new Live(Stores.open(new StoreConfig.Sqlite(dir.resolve("spike.db"))));
  }

  private BackupTarget target() {
    return BackupTargets.open(dir.resolve("target").toString());
  }

  private byte[] hmacKey() {
    return key.deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES);
  }

  private List<Long> shippedSeqs(BackupTarget target, String logId) {
    byte[] hmac = hmacKey();
    try {
      return ChangeLogReader.read(target, logId, 0, hmac).changes().stream()
          .map(Change::seq)
          .toList();
    } finally {
      SecretBytes.wipe(hmac);
    }
  }

  private static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private double metric(String name) {
    return metric(registry.scrape(), name);
  }

  private static double metric(String scrape, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  @Test
  void withoutATarget_recordedChangesAreDropped_soTheStoreDoesNotGrow() {
    try (Live live = sqlite()) {
      live.secrets.put("apps/a", Map.of("k", "v1"));
      live.secrets.put("apps/b", Map.of("k", "v2"));
      assertThat(live.store.changesAfter(0, 100)).isNotEmpty();
      ChangeShipper off =
          new ChangeShipper(
              Optional.empty(), Duration.ofSeconds(1), live.store, live.barrier, clock, registry);
      off.discardUnshipped();
      assertThat(live.store.changesAfter(0, 100)).isEmpty();
      assertThat(live.store.changeLog().lastSeq()).isPositive();
      off.start();
      off.close();
    }
  }

  @Test
  void runOnce_shipsEveryCommittedChange_thenForgetsTheRows() {
    try (Live live = sqlite();
        BackupTarget target = target()) {
      live.secrets.put("apps/a", Map.of("k", "v1"));
      live.secrets.put("apps/a", Map.of("k", "v2"));
      String logId = live.store.changeLog().logId();
      long last = live.store.changeLog().lastSeq();
      List<Change> before = live.store.changesAfter(0, 100);
      clock.advance(Duration.ofSeconds(5));

      ChangeShipper.Outcome outcome = live.shipper(target).runOnce();

      assertThat(outcome).isEqualTo(new ChangeShipper.Outcome.Shipped(logId, last, before.size()));
      assertThat(live.store.changesAfter(0, 100)).isEmpty();
      byte[] hmac = hmacKey();
      assertThat(ChangeLogReader.read(target, logId, 0, hmac).changes()).isEqualTo(before);
      SecretBytes.wipe(hmac);
      assertThat(target.list("changes/" + logId + "/")).hasSize(1);
      assertThat(metric("spike_changelog_last_shipped_timestamp_seconds"))
          .isEqualTo(clock.instant().toEpochMilli() / 1000.0);
      assertThat(metric("spike_changelog_lag_seconds")).isZero();
      assertThat(metric("spike_changelog_interval_seconds")).isEqualTo(1.0);
    }
  }

  @Test
  void lag_isTheAgeOfTheOldestUnshippedChange_whileAnotherShipperHoldsTheLease() {
    try (Live live = sqlite();
        BackupTarget target = target()) {
      live.secrets.put("apps/a", Map.of("k", "v1"));
      clock.advance(Duration.ofSeconds(7));
      var other = live.store.tryLease(ChangeShipper.LEASE).orElseThrow();

      assertThat(live.shipper(target).runOnce()).isEqualTo(new ChangeShipper.Outcome.NotShipper());

      assertThat(metric("spike_changelog_lag_seconds")).isBetween(6.0, 8.0);
      assertThat(target.list("changes/")).isEmpty();
      other.close();
    }
  }

  @Test
  void laterRounds_appendSegments_thatChainOnWithoutGapsOrDuplicates() {
    try (Live live = sqlite();
        BackupTarget target = target()) {
      ChangeShipper shipper = live.shipper(target);
      live.secrets.put("apps/a", Map.of("k", "v1"));
      shipper.runOnce();
      live.secrets.put("apps/b", Map.of("k", "v1"));
      live.secrets.put("apps/c", Map.of("k", "v1"));
      shipper.runOnce();
      assertThat(shipper.runOnce()).isInstanceOf(ChangeShipper.Outcome.Shipped.class);

      String logId = live.store.changeLog().logId();
      assertThat(target.list("changes/" + logId + "/")).hasSize(2);
      assertThat(shippedSeqs(target, logId)).isEqualTo(seqs(1, live.store.changeLog().lastSeq()));
    }
  }

  @Test
  void aNewShipper_resumesFromTheTarget_afterACrashBetweenWritingAndForgetting() {
    try (Live live = sqlite();
        BackupTarget target = target()) {
      live.secrets.put("apps/a", Map.of("k", "v1"));
      ChangeShipper crashed = live.shipper(target);
      crashed.runOnce();
      live.secrets.put("apps/b", Map.of("k", "v1"));
      String logId = live.store.changeLog().logId();
      // The crashed shipper wrote the next segment but never forgot its rows.
      byte[] hmac = hmacKey();
      ChainState tail = ChangeLogReader.tail(target, logId, hmac).orElseThrow();
      ChangeSegments.write(target, logId, tail, live.store.changesAfter(tail.lastSeq(), 100), hmac);
      SecretBytes.wipe(hmac);
      crashed.close(); // never started: releases the lease without a last round
      live.secrets.put("apps/c", Map.of("k", "v1"));

      live.shipper(target).runOnce();

      assertThat(live.store.changesAfter(0, 100)).isEmpty();
      assertThat(shippedSeqs(target, logId)).isEqualTo(seqs(1, live.store.changeLog().lastSeq()));
    }
  }

  @Test
  void aFailingTarget_isCountedAndRetried_andTheNextRoundShipsEverything() {
    AtomicBoolean down = new AtomicBoolean(true);
    try (Live live = sqlite();
        BackupTarget real = target();
        BackupTarget flaky = new Flaky(real, down)) {
      ChangeShipper shipper = live.shipper(flaky);
      live.secrets.put("apps/a", Map.of("k", "v1"));

      assertThat(shipper.runOnce()).isInstanceOf(ChangeShipper.Outcome.Failed.class);
      assertThat(metric("spike_changelog_ship_failures_total")).isEqualTo(1.0);
      assertThat(live.store.changesAfter(0, 100)).isNotEmpty();

      down.set(false);
      live.secrets.put("apps/b", Map.of("k", "v1"));
      shipper.runOnce();

      assertThat(live.store.changesAfter(0, 100)).isEmpty();
      String logId = live.store.changeLog().logId();
      assertThat(shippedSeqs(real, logId)).isEqualTo(seqs(1, live.store.changeLog().lastSeq()));
    }
  }

  @Test
  void sealed_shipsNothing_andIsNoFailure() {
    try (Live live = sqlite();
        BackupTarget target = target()) {
      live.secrets.put("apps/a", Map.of("k", "v1"));
      live.barrier.seal();

      assertThat(live.shipper(target).runOnce()).isEqualTo(new ChangeShipper.Outcome.Skipped());

      assertThat(target.list("changes/")).isEmpty();
      assertThat(metric("spike_changelog_ship_failures_total")).isZero();
    }
  }

  @Test
  void close_shipsWhatIsCommitted_andReleasesTheLease() {
    try (Live live = sqlite()) {
      BackupTarget target = target();
      ChangeShipper shipper = live.shipper(target);
      shipper.start();
      live.secrets.put("apps/a", Map.of("k", "v1"));

      shipper.close();
      shipper.close(); // idempotent

      assertThat(live.store.changesAfter(0, 100)).isEmpty();
      assertThat(live.store.tryLease(ChangeShipper.LEASE))
          .isPresent()
          .get()
          .satisfies(l -> l.close());
      try (BackupTarget reopened = target()) {
        assertThat(shippedSeqs(reopened, live.store.changeLog().logId()))
            .isEqualTo(seqs(1, live.store.changeLog().lastSeq()));
      }
    }
  }

  @Test
  void split_keepsEachSegmentBelowTheLimit() {
    byte[] big = new byte[(int) (ChangeShipper.SEGMENT_BODY_BYTES / 3)];
    List<Change> batch =
        LongStream.rangeClosed(1, 5)
            .mapToObj(seq -> new Change(seq, Instant.EPOCH, Change.Kind.SECRET_WRITE, big))
            .toList();

    List<List<Change>> segments = ChangeShipper.split(batch);

    assertThat(segments).extracting(List::size).containsExactly(2, 2, 1);
  }

  @Test
  @Timeout(120)
  void twoReplicasOnOnePostgres_onlyOneShips_andTheOtherTakesOverWhenItStops() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      StoreConfig config = new StoreConfig.Postgres(postgres.getJdbcUrl("postgres", "postgres"));
      try (Live a = new Live(Stores.open(config));
          Live b = new Live(Stores.open(config));
          BackupTarget target = target()) {
        ChangeShipper first = a.shipper(target);
        ChangeShipper second = b.shipper(target);
        a.secrets.put("apps/a", Map.of("k", "v1"));

        assertThat(first.runOnce()).isInstanceOf(ChangeShipper.Outcome.Shipped.class);
        b.secrets.put("apps/b", Map.of("k", "v1"));
        assertThat(second.runOnce()).isEqualTo(new ChangeShipper.Outcome.NotShipper());
        first.close();
        assertThat(second.runOnce()).isInstanceOf(ChangeShipper.Outcome.Shipped.class);

        String logId = a.store.changeLog().logId();
        assertThat(shippedSeqs(target, logId)).isEqualTo(seqs(1, a.store.changeLog().lastSeq()));
      }
    }
  }

  @Test
  @Timeout(60)
  void nexus_withATarget_shipsAWriteWithinAboutTheInterval_andShipsTheRestOnClose()
      throws Exception {
    Path target = dir.resolve("nexus-target");
    NexusTestCluster cluster =
        NexusTestCluster.start(
            dir.resolve("nexus"),
            new StoreConfig.Sqlite(dir.resolve("nexus.db")),
            new EnvBuilder()
                .setText(Settings.BACKUP_TARGET, target.toUri().toString())
                .setText(Settings.CHANGELOG_INTERVAL, "200ms")
                .build());
    try (cluster) {
      cluster.seedKeepers();
      cluster.awaitReady();
      cluster.client(cluster.superuser()).putSecret("apps/a", Map.of("k", "v"));
      Instant deadline = Instant.now().plusSeconds(10);
      try (BackupTarget reader = BackupTargets.open(target.toString())) {
        while (reader.list("changes/").isEmpty() && Instant.now().isBefore(deadline)) {
          Thread.sleep(50);
        }
        assertThat(reader.list("changes/")).isNotEmpty();
      }
      assertThat(metric(cluster.ops("/metrics").body(), "spike_changelog_interval_seconds"))
          .isEqualTo(0.2);
      cluster.client(cluster.superuser()).putSecret("apps/b", Map.of("k", "v"));
    }
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(dir.resolve("nexus.db")))) {
      assertThat(store.changesAfter(0, 100)).isEmpty();
    }
  }

  /** A target whose writes fail while {@code down}. */
  private record Flaky(BackupTarget target, AtomicBoolean down) implements BackupTarget {
    @Override
    public String describe() {
      return target.describe();
    }

    @Override
    public void put(String name, byte[] content) {
      if (down.get()) {
        throw new TargetException("target " + describe() + " is unreachable");
      }
      target.put(name, content);
    }

    @Override
    public void putFile(String name, Path file) {
      target.putFile(name, file);
    }

    @Override
    public Optional<InputStream> open(String name) {
      return target.open(name);
    }

    @Override
    public void download(String name, Path file) {
      target.download(name, file);
    }

    @Override
    public List<String> list(String prefix) {
      return target.list(prefix);
    }

    @Override
    public void delete(String name) {
      target.delete(name);
    }

    @Override
    public void close() {}
  }
}
