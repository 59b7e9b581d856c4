package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterShapeTest {
  @TempDir Path dir;

  @Test
  void writeThenRead_roundTrips() {
    ClusterShape shape = new ClusterShape(5, 3, "memory", "example.org");
    Path file = dir.resolve("cluster.json");

    shape.write(file);

    assertThat(ClusterShape.read(file)).isEqualTo(shape);
  }

  @Test
  void keeperPorts_stepBy100() {
    assertThat(ClusterShape.keeperPort(1)).isEqualTo(8443);
    assertThat(ClusterShape.keeperPort(4)).isEqualTo(8743);
    assertThat(new ClusterShape(2, 1, "sqlite", "spike.ist").keeperUrls())
        .containsExactly("https://localhost:8443", "https://localhost:8543");
  }

  @Test
  void constructor_refusesBadShapes() {
    assertThatThrownBy(() -> new ClusterShape(0, 1, "sqlite", "t"))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> new ClusterShape(3, 4, "sqlite", "t"))
        .hasMessageContaining("--threshold");
    assertThatThrownBy(() -> new ClusterShape(3, 2, "mysql", "t"))
        .hasMessageContaining("--backend");
    assertThatThrownBy(() -> new ClusterShape(3, 2, "sqlite", "t", true))
        .hasMessageContaining("--backend postgres");
  }

  @Test
  void embeddedPostgres_roundTrips_andIsFalseInAnOlderFile() throws Exception {
    Path file = dir.resolve("cluster.json");
    ClusterShape shape = new ClusterShape(3, 2, "postgres", "spike.ist", true);
    shape.write(file);
    assertThat(ClusterShape.read(file)).isEqualTo(shape);

    Files.writeString(
        file,
        "{\"keepers\":1,\"threshold\":1,\"backend\":\"postgres\",\"trustDomain\":\"spike.ist\"}");
    assertThat(ClusterShape.read(file).embeddedPostgres()).isFalse();
    assertThat(ClusterShape.embeddedPostgresUrl())
        .isEqualTo("jdbc:postgresql://localhost:8555/postgres?user=postgres");
  }
}
