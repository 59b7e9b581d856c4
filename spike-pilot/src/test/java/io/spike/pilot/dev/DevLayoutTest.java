package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevLayoutTest {
  @TempDir Path dir;

  @Test
  void paths_followTheDesignLayout() {
    DevLayout l = new DevLayout(Path.of("/d/./x/.."));

    assertThat(l.dir()).isEqualTo(Path.of("/d"));
    assertThat(l.cert("keeper-1")).isEqualTo(Path.of("/d/svid/keeper-1.crt"));
    assertThat(l.key("nexus")).isEqualTo(Path.of("/d/svid/nexus.key"));
    assertThat(l.log("nexus")).isEqualTo(Path.of("/d/logs/nexus.log"));
    assertThat(l.pid("keeper-2")).isEqualTo(Path.of("/d/keeper-2.pid"));
    assertThat(l.data()).isEqualTo(Path.of("/d/data"));
    assertThat(l.bundle()).isEqualTo(Path.of("/d/ca/bundle.pem"));
  }

  @Test
  void createDirectories_makesOwnerOnlyDirs() throws Exception {
    DevLayout l = new DevLayout(dir.resolve("state"));

    l.createDirectories();

    for (Path p : new Path[] {l.dir(), l.data(), l.logs()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rwx------");
    }
    assertThat(l.exists()).isFalse();
  }
}
