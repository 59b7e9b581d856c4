package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.testkit.MainRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration ends the process with one line on stderr and exit code 1. */
class KeeperMainTest {

  private static MainRun.Outcome run(Map<String, String> env) throws Exception {
    return MainRun.run(KeeperMain.class, env);
  }

  @Test
  void badPort_exits1_withOneLineNamingTheVariable() throws Exception {
    MainRun.Outcome outcome = run(Map.of("SPIKE_KEEPER_TLS_PORT", "eighty"));
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.onlyStderrLine())
        .isEqualTo(
            "keeper: SPIKE_KEEPER_TLS_PORT='eighty' is not a whole number; expected a port number"
                + " 0..65535 (0: any free port; upstream's :8553 form is accepted)");
  }

  @Test
  void missingSvid_exits1_withOneLine() throws Exception {
    MainRun.Outcome outcome = run(Map.of());
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.onlyStderrLine()).startsWith("keeper: ").contains("SPIKE_SVID");
  }
}
