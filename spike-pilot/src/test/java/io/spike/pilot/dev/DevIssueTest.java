package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.SpiffeId;
import io.spike.pilot.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevIssueTest {
  @TempDir Path dir;

  @Test
  void issue_writesTheSvid_andPrintsItsExports() {
    DevLayout layout = new DevLayout(dir);
    DevPki.ensure(layout, new ClusterShape(1, 1, "sqlite", "spike.ist"));

    Cli.Result r = Cli.dev(dir, "issue", "spiffe://spike.ist/apps/web");

    assertThat(r.code()).isZero();
    assertThat(layout.cert("apps_web")).isRegularFile();
    assertThat(layout.key("apps_web")).isRegularFile();
    assertThat(r.out()).isEqualTo(ExportLines.of(layout, "apps_web"));
  }

  @Test
  void issue_otherTrustDomain_orMalformed_exits2() throws Exception {
    DevPki.ensure(new DevLayout(dir), new ClusterShape(1, 1, "sqlite", "spike.ist"));

    assertThat(Cli.dev(dir, "issue", "spiffe://other.org/x").code()).isEqualTo(2);
    assertThat(Cli.dev(dir, "issue", "spiffe://spike.ist/a b").code()).isEqualTo(2);
    try (var files = Files.list(dir.resolve("svid"))) {
      assertThat(files.count()).isEqualTo(12);
    }
  }

  @Test
  void issue_withoutCa_exits1() {
    assertThat(NoDevCluster.refusal(dir, "issue", "spiffe://spike.ist/x")).startsWith("spike: ");
  }

  /** Workload ids never take the file name of a cluster identity (nexus, keeper-N, ...). */
  @ParameterizedTest
  @CsvSource({
    "spiffe://spike.ist/apps/web, apps_web",
    "spiffe://spike.ist/nexus, workload_nexus",
    "spiffe://spike.ist/keeper-2, workload_keeper-2",
    "spiffe://spike.ist/spike/nexus, spike_nexus"
  })
  void fileName_neverTakesAClusterIdentitysFile(String id, String fileName) {
    assertThat(DevIssue.fileName(SpiffeId.parse(id))).isEqualTo(fileName);
  }
}
