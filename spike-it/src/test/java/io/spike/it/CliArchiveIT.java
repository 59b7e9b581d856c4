package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lib/spike.jsa}, the class-data-sharing archive {@code bin/spike} starts with: the build
 * makes one the JVM accepts, and an archive that is missing, damaged or stale (the jar changed
 * after it was made) only costs speed: the command still runs and prints exactly what it prints
 * with a good archive, nothing more. A distribution that moved makes its archive again on its first
 * run.
 */
class CliArchiveIT {
  static final String ARCHIVE = "spike.jsa";

  /** The jar path the archive was made for; bin/spike makes the archive again for another path. */
  static final String STAMP = "spike.jsa.path";

  static final Map<String, String> STRICT = Map.of("SPIKE_JAVA_OPTS", "-Xshare:on");

  @TempDir Path tmp;
  static Cli.Result expected;

  @BeforeAll
  static void asBuilt() {
    assertThat(Cli.DIST.resolve("lib").resolve(ARCHIVE)).as("the build makes the archive").exists();
    expected = new Cli(Map.of()).spike("--version");
    assertThat(expected.exit()).as(expected.err()).isZero();
    assertThat(expected.err()).isEmpty();
  }

  @Test
  void theBuiltArchive_isOneTheJvmMaps() {
    // -Xshare:on makes an archive the JVM cannot use an error instead of a silent fallback.
    Cli.Result r = new Cli(STRICT).spike("--version");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void missingArchive_runsTheSame() throws IOException {
    Path dist = copyOfDist(false);
    Files.delete(dist.resolve("lib").resolve(ARCHIVE));
    assertRunsAsBuilt(dist);
  }

  @Test
  void damagedArchive_runsTheSame_andIsRefusedWhenRequired() throws IOException {
    Path dist = copyOfDist(false);
    byte[] garbage = new byte[64 * 1024];
    new Random(12).nextBytes(garbage);
    Path archive = dist.resolve("lib").resolve(ARCHIVE);
    archive.toFile().setWritable(true);
    Files.write(archive, garbage);
    assertRunsAsBuilt(dist);
    Cli.Result strict = new Cli(STRICT).run(dist.resolve("bin/spike").toString(), "--version");
    assertThat(strict.exit()).as("-Xshare:on refuses a damaged archive").isNotZero();
  }

  @Test
  void staleArchive_afterTheJarChanged_runsTheSame() throws IOException {
    Path dist = copyOfDist(true);
    Files.setLastModifiedTime(
        dist.resolve("lib/spike.jar"), FileTime.from(Instant.now().plusSeconds(60)));
    assertRunsAsBuilt(dist);
  }

  @Test
  void movedDistribution_makesItsArchiveAgain_once() throws IOException {
    Path dist = copyOfDist(false);
    Files.delete(dist.resolve("lib").resolve(STAMP));
    assertRunsAsBuilt(dist);

    assertThat(Files.readString(dist.resolve("lib").resolve(STAMP), StandardCharsets.UTF_8))
        .isEqualTo(dist.resolve("lib/spike.jar").toRealPath() + "\n");
    Cli.Result strict = new Cli(STRICT).run(dist.resolve("bin/spike").toString(), "--version");
    assertThat(strict.exit()).as("the remade archive maps here: " + strict.err()).isZero();
    try (var names = Files.list(dist.resolve("lib"))) {
      assertThat(names.map(n -> n.getFileName().toString()))
          .as("no temporary file left")
          .containsExactlyInAnyOrder("spike.jar", ARCHIVE, STAMP);
    }
  }

  private void assertRunsAsBuilt(Path dist) {
    Cli.Result r = new Cli(Map.of()).run(dist.resolve("bin/spike").toString(), "--version");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected.out());
    assertThat(r.err()).as("no JVM warning about the archive").isEmpty();
  }

  /** bin/spike and lib/ in {@link #tmp}: the jar hard-linked, or copied when it will be changed. */
  private Path copyOfDist(boolean copyJar) throws IOException {
    Path dist = tmp.resolve("spike");
    Files.createDirectories(dist.resolve("bin"));
    Files.createDirectories(dist.resolve("lib"));
    Files.copy(Cli.bin("spike"), dist.resolve("bin/spike"), StandardCopyOption.COPY_ATTRIBUTES);
    Path jar = Cli.DIST.resolve("lib/spike.jar");
    if (copyJar) {
      Files.copy(jar, dist.resolve("lib/spike.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    } else {
      Files.createLink(dist.resolve("lib/spike.jar"), jar);
    }
    Files.copy(Cli.DIST.resolve("lib").resolve(ARCHIVE), dist.resolve("lib").resolve(ARCHIVE));
    // Made for this location, as far as bin/spike can tell: it uses the archive as it is.
    Files.writeString(
        dist.resolve("lib").resolve(STAMP),
        dist.resolve("lib/spike.jar").toRealPath() + "\n",
        StandardCharsets.UTF_8);
    return dist;
  }
}
