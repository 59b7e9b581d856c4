package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.SpiffeId;
import io.spike.pilot.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void fileName_neverTakesAClusterIdentitysFile() {
    assertThat(DevIssue.fileName(SpiffeId.parse("spiffe://spike.ist/apps/web")))
        .isEqualTo("apps_web");
    assertThat(DevIssue.fileName(SpiffeId.parse("spiffe://spike.ist/nexus")))
        .isEqualTo("workload_nexus");
    assertThat(DevIssue.fileName(SpiffeId.parse("spiffe://spike.ist/keeper-2")))
        .isEqualTo("workload_keeper-2");
    assertThat(DevIssue.fileName(SpiffeId.parse("spiffe://spike.ist/spike/nexus")))
        .isEqualTo("spike_nexus");
  }
}
