package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.testkit.MainRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a fresh JVM, as a user runs it: a refused command prints its one error line and no
 * library log line, unless {@code SPIKE_DEBUG=1}. Guards the order in {@link CliLogging}: reading
 * the settings must not start the logging backend before the CLI's configuration is in place.
 */
class CliLoggingTest {
  @TempDir static Path dir;
  static Map<String, String> identity;

  /**
   * A real SVID, so that loading it logs (at INFO) and the CLI gets as far as calling a Nexus that
   * is not there: that call is refused with one line.
   */
  @BeforeAll
  static void issueSvid() {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    ca.issue(
        SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser"),
        dir.resolve("svid.crt"),
        dir.resolve("svid.key"));
    identity =
        Map.of(
            "SPIKE_SVID_CERT", dir.resolve("svid.crt").toString(),
            "SPIKE_SVID_KEY", dir.resolve("svid.key").toString(),
            "SPIKE_TRUST_BUNDLE", ca.bundle().toString(),
            "SPIKE_NEXUS_API_URL", "https://127.0.0.1:9");
  }

  @Test
  void refusedCommand_printsOnlyItsErrorLine_withoutDebug() throws Exception {
    MainRun.Outcome outcome = MainRun.run(SpikeCli.class, identity, "secret", "get", "apps/web/db");

    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.onlyStderrLine()).startsWith("spike: ").doesNotContain(" INFO ");
  }

  @Test
  void debug_turnsLibraryLoggingOnToStderr() throws Exception {
    MainRun.Outcome outcome =
        MainRun.run(
            SpikeCli.class, with(identity, "SPIKE_DEBUG", "1"), "secret", "get", "apps/web/db");

    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.stderr()).contains("Loaded SVID");
  }

  /** What java.util.logging prints once the CLI has silenced it: nothing. */
  public static final class JulWarning {
    public static void main(String[] args) {
      CliLogging.quiet(Map.of());
      java.util.logging.Logger.getLogger("some.library").severe("library complaint");
      System.out.println("done");
    }
  }

  @Test
  void julStartedAfterQuiet_printsNothing() throws Exception {
    MainRun.Outcome outcome = MainRun.run(JulWarning.class, Map.of());

    assertThat(outcome.exit()).isZero();
    assertThat(outcome.stdout()).isEqualTo("done\n");
    assertThat(outcome.stderr()).doesNotContain("library complaint");
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
