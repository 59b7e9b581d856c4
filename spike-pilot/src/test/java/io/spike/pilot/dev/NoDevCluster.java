package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.nio.file.Path;

/** The refusal every dev command that needs a cluster gives in a folder without one. */
final class NoDevCluster {
  private NoDevCluster() {}

  /**
   * Runs {@code spike dev args... --dir dir}, which must exit 1 with nothing on stdout and say to
   * run {@code ./spike dev up} first; its stderr.
   */
  static String refusal(Path dir, String... args) {
    Cli.Result r = Cli.dev(dir, args);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("run ./spike dev up first");
    return r.err();
  }
}
