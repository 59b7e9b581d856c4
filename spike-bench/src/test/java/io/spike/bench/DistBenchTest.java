package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistBenchTest {
  @Test
  void jvmOptions_areBetweenJavaAndClassPath() {
    String cmdline =
        "/usr/bin/java\0-Xmx32m\0-XX:+UseSerialGC\0-cp\0/d/spike.jar\0io.spike.keeper.KeeperMain\0";
    assertThat(DistBench.jvmOptions(cmdline)).containsExactly("-Xmx32m", "-XX:+UseSerialGC");
    assertThat(DistBench.jvmOptions("/usr/bin/java\0-cp\0a.jar\0Main\0")).isEmpty();
  }

  @Test
  void jvmOptions_withoutClassPath_isRefused() {
    assertThatThrownBy(() -> DistBench.jvmOptions("/bin/sleep\0100\0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exports_readsTheFourLines() {
    String out =
        "export SPIKE_SVID_CERT=/d/svid/superuser.crt\n"
            + "export SPIKE_SVID_KEY=/d/svid/superuser.key\n"
            + "export SPIKE_TRUST_BUNDLE=/d/ca/bundle.pem\n"
            + "export SPIKE_NEXUS_API_URL=https://localhost:8553\n";
    assertThat(DistBench.exports(out))
        .containsEntry("SPIKE_SVID_KEY", "/d/svid/superuser.key")
        .containsEntry("SPIKE_NEXUS_API_URL", "https://localhost:8553")
        .hasSize(4);
  }

  @Test
  void exports_missingLine_isRefused() {
    assertThatThrownBy(() -> DistBench.exports("export SPIKE_SVID_CERT=/c\n"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void orError_marksAMissingFigure() {
    assertThat(DistBench.orError(null)).isEqualTo("ERROR");
    assertThat(DistBench.orError(0.5)).isEqualTo(0.5);
    assertThat(List.of(DistBench.orError(null))).hasSize(1);
  }

  @Test
  void describe_showsArgumentFilesWithTheirOptions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keeper.options");
    Files.writeString(file, "# keepers\n-Xmx24m\n\n-XX:+UseSerialGC\n");
    assertThat(DistBench.describe(List.of("@" + file, "-Dx=1")))
        .isEqualTo("@keeper.options (-Xmx24m -XX:+UseSerialGC) -Dx=1");
    assertThat(DistBench.describe(List.of())).isEqualTo("(none)");
    assertThat(DistBench.describe(List.of("@/no/such/file"))).isEqualTo("@/no/such/file");
  }
}
