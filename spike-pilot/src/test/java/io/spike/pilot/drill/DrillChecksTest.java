package io.spike.pilot.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.FakeServer;
import io.spike.store.snapshot.SnapshotCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillChecksTest {
  private static final List<String> PATHS = List.of("apps/api/key", "apps/web/db");
  private final SnapshotCounts expected = new SnapshotCounts(2, 3, 1, 2);

  @Test
  void run_aPathWithEveryVersionDeleted_isCheckedThoughListLeavesItOut() throws Exception {
    try (FakeServer nexus = FakeNexusData.serve(new FakeServer())) {
      // The fake lists only apps/api/key; apps/web/db is still in the snapshot and must be read.
      nexus.on(Routes.SECRETS, Routes.ACTION_LIST, 200, "{\"keys\":[\"apps/api/key\"]}");

      DrillChecks.Outcome o = DrillChecks.run(nexus.nexus(), expected, PATHS);

      assertThat(o.checks()).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
      assertThat(nexus.requests())
          .anyMatch(
              r -> r.path().equals(Routes.SECRET_METADATA) && r.body().contains("apps/web/db"));
    }
  }

  @Test
  void run_aListedPathTheSnapshotLacks_fails() throws Exception {
    try (FakeServer nexus = FakeNexusData.serve(new FakeServer())) {
      DrillChecks.Outcome o =
          DrillChecks.run(nexus.nexus(), new SnapshotCounts(1, 1, 1, 2), List.of("apps/api/key"));

      assertThat(o.checks())
          .anySatisfy(
              c -> {
                assertThat(c.name()).isEqualTo("secrets listed");
                assertThat(c.ok()).isFalse();
                assertThat(c.detail()).contains("apps/web/db: not in the snapshot");
              });
    }
  }

  @Test
  void run_everythingServed_countsDeletedVersionsFromMetadata() throws Exception {
    try (FakeServer nexus = FakeNexusData.serve(new FakeServer())) {
      DrillChecks.Outcome o = DrillChecks.run(nexus.nexus(), expected, PATHS);

      assertThat(o.checks()).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
      assertThat(o.found()).isEqualTo(new DrillReport.Found(2, 3, 2, 1));
      assertThat(o.checks())
          .anySatisfy(
              c ->
                  assertThat(c.detail())
                      .isEqualTo(
                          "3 versions in metadata (live and soft-deleted), the snapshot holds 3"));
      // the soft-deleted version 1 of apps/web/db is never asked for
      assertThat(nexus.requests())
          .noneMatch(
              r ->
                  r.path().equals(Routes.SECRETS)
                      && r.action().equals("get")
                      && r.body().contains("apps/web/db")
                      && r.body().contains("\"version\":1"));
    }
  }

  @Test
  void run_aVersionThatDoesNotDecrypt_failsNamingIt() throws Exception {
    try (FakeServer nexus = FakeNexusData.serve(new FakeServer())) {
      nexus.on(Routes.SECRETS, Routes.ACTION_GET, 500, "{\"err\":\"api_internal_error\"}");

      DrillChecks.Outcome o = DrillChecks.run(nexus.nexus(), expected, PATHS);

      DrillReport.Check live =
          o.checks().stream()
              .filter(c -> c.name().equals("live versions decrypt"))
              .findFirst()
              .orElseThrow();
      assertThat(live.ok()).isFalse();
      assertThat(live.detail())
          .isEqualTo(
              "0 of 2 live versions read; failed: apps/api/key v1: api_internal_error"
                  + " (HTTP 500); apps/web/db v2: api_internal_error (HTTP 500)");
      assertThat(o.found().liveVersionsRead()).isZero();
    }
  }

  @Test
  void run_fewerSecretsThanTheSnapshot_fails() throws Exception {
    try (FakeServer nexus = FakeNexusData.serve(new FakeServer())) {
      DrillChecks.Outcome o = DrillChecks.run(nexus.nexus(), new SnapshotCounts(3, 4, 1, 2), PATHS);

      assertThat(o.checks())
          .filteredOn(c -> !c.ok())
          .extracting(DrillReport.Check::name)
          .containsExactly("snapshot paths", "version count");
    }
  }

  @Test
  void run_listFails_stopsWithOneCheck() throws Exception {
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(Routes.SECRETS, Routes.ACTION_LIST, 503, "{\"err\":\"state_not_ready\"}");

      DrillChecks.Outcome o = DrillChecks.run(nexus.nexus(), expected, PATHS);

      assertThat(o.checks())
          .filteredOn(c -> !c.ok())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.name()).isEqualTo("secrets listed");
                assertThat(c.detail()).isEqualTo("list failed: state_not_ready (HTTP 503)");
              });
    }
  }
}
